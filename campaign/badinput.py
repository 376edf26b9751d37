"""Malformed query strings are answered 400 before any view reads them.

A null byte or another control character in a URL parameter (`?q=abc%00def`) is never
something a person typed into a search box: the request is refused whole, with a short
Vietnamese page, instead of reaching the database (PostgreSQL refuses NUL in text with an
error, which would be a 500). Form fields are checked by the forms themselves
(campaign.validators), where the message can stand next to the field.
"""

import unicodedata

from django.http import HttpResponseBadRequest

ALLOWED = "\t\n\r"  # a GET form may carry a textarea


def has_control_characters(text):
    return any(unicodedata.category(ch) == "Cc" and ch not in ALLOWED for ch in text)


class RefuseControlCharactersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for key, values in request.GET.lists():
            if has_control_characters(key) or any(has_control_characters(v) for v in values):
                return HttpResponseBadRequest(
                    "Địa chỉ có ký tự không hợp lệ (ký tự điều khiển). Hãy quay lại và gõ lại.",
                    content_type="text/plain; charset=utf-8",
                )
        return self.get_response(request)
