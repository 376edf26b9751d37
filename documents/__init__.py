"""The Decree-30 document (Nghị định 30/2020/NĐ-CP): its structure, geometry and fonts, the
HTML/print CSS, the PDF and DOCX renderers, the URL fetcher, file names and the render cache.

No models, and nothing from plans/ or reports/: they build a Document and hand it over.
"""
