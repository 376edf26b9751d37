"""The few things every XLSX the app writes does alike (exports, the invitation sheet, import
templates): a bold header row frozen above the data, column widths, wrapped cells, the bytes.
Cells of text a user typed go through campaign.text.spreadsheet_safe."""

import io


def style_table(sheet, header_row, widths, *, freeze=True, wrap_from=None):
    """Bold header_row, freeze the rows above the data (freeze), set column widths in
    characters, and wrap the cells from row wrap_from down (top-aligned)."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
    if freeze:
        sheet.freeze_panes = sheet.cell(header_row + 1, 1)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    if wrap_from is not None:
        for row in sheet.iter_rows(min_row=wrap_from):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")


def workbook_bytes(workbook):
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
