"""Stand-in for ``InvenTree.unit_test``: the TestCase bases InvenTree's docs tell plugins to use.

Mirrors: ``src/backend/InvenTree/InvenTree/unit_test.py``. ``InvenTreeTestCase`` creates and logs
in a user (``self.user``, username ``testuser``, password ``password``; superuser when
``superuser = True``). ``InvenTreeAPITestCase`` adds ``get/post/put/patch/delete`` helpers that
check ``expected_code``. Left out: role assignment (``roles``), fixtures of InvenTree's data,
query-count assertions and the download helpers.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.test import TestCase
from rest_framework.test import APIClient


class UserMixin:
    """Create a user in ``setUpTestData`` and log the client in during ``setUp``."""

    username = "testuser"
    password = "password"
    email = "test@testing.com"
    superuser = False
    is_staff = True
    auto_login = True

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()  # type: ignore[misc]
        cls.user = get_user_model().objects.create_user(
            username=cls.username,
            password=cls.password,
            email=cls.email,
            is_staff=cls.is_staff,
            is_superuser=cls.superuser,
        )

    def setUp(self) -> None:
        super().setUp()  # type: ignore[misc]
        if self.auto_login:
            self.client.login(username=self.username, password=self.password)  # type: ignore[attr-defined]


class InvenTreeTestCase(UserMixin, TestCase):
    """``django.test.TestCase`` with a logged-in user."""


class InvenTreeAPITestCase(UserMixin, TestCase):
    """API test case using DRF's ``APIClient`` with status-code checked helpers."""

    client_class = APIClient

    def _check(self, response: Any, expected_code: int | None) -> Any:
        if expected_code is not None:
            self.assertEqual(response.status_code, expected_code, getattr(response, "data", ""))
        return response

    def get(self, url: str, data: Any = None, expected_code: int | None = 200, **kw: Any) -> Any:
        return self._check(self.client.get(url, data, format="json", **kw), expected_code)

    def post(self, url: str, data: Any = None, expected_code: int | None = 201, **kw: Any) -> Any:
        return self._check(self.client.post(url, data, format="json", **kw), expected_code)

    def put(self, url: str, data: Any = None, expected_code: int | None = 200, **kw: Any) -> Any:
        return self._check(self.client.put(url, data, format="json", **kw), expected_code)

    def patch(self, url: str, data: Any = None, expected_code: int | None = 200, **kw: Any) -> Any:
        return self._check(self.client.patch(url, data, format="json", **kw), expected_code)

    def delete(self, url: str, data: Any = None, expected_code: int | None = 204, **kw: Any) -> Any:
        return self._check(self.client.delete(url, data, format="json", **kw), expected_code)
