"""Stand-in for ``plugin.base.integration.APICallMixin``.

Mirrors: ``src/backend/InvenTree/plugin/base/integration/APICallMixin.py`` (docs/design/mixins.md).
URL and token come from SettingsMixin keys named by ``API_URL_SETTING``/``API_TOKEN_SETTING``;
``has_api_call`` raises MixinNotImplementedError when either name is missing. ``api_headers``
sends the token both as ``Authorization: <API_TOKEN> <token>`` and under a header named
``API_TOKEN``. ``api_call`` builds the URL as InvenTree does (``url_args`` appended, a leading
``/`` of the endpoint dropped, iterables joined with commas) and calls
``requests.request(method, url=url, headers=..., **kwargs)``; ``json`` is sent JSON-encoded as
``data``, and passing both ``data`` and ``json`` raises ValueError. ``requests`` is imported
lazily; the stand-in never fakes a response.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from plugin.helpers import MixinNotImplementedError
from plugin.plugin import PluginMixinEnum


class APICallMixin:
    """Call an external HTTP API configured through plugin settings. Place left of SettingsMixin."""

    API_METHOD = "https"
    API_URL_SETTING: str | None = None
    API_TOKEN_SETTING: str | None = None
    API_TOKEN = "Bearer"

    class MixinMeta:
        MIXIN_NAME = "API calls"

    def __init__(self) -> None:
        super().__init__()
        self.add_mixin(PluginMixinEnum.API_CALL.value, "has_api_call", __class__)  # type: ignore[attr-defined]

    @property
    def has_api_call(self) -> bool:
        if not self.API_URL_SETTING:
            raise MixinNotImplementedError("API_URL_SETTING must be defined")
        if not self.API_TOKEN_SETTING:
            raise MixinNotImplementedError("API_TOKEN_SETTING must be defined")
        return True

    @property
    def api_url(self) -> str:
        return f"{self.API_METHOD}://{self.get_setting(self.API_URL_SETTING)}"  # type: ignore[attr-defined]

    @property
    def api_headers(self) -> dict[str, str]:
        headers = {"Content-Type": "application/json"}
        if self.API_TOKEN_SETTING:
            token = self.get_setting(self.API_TOKEN_SETTING)  # type: ignore[attr-defined]
            if token:
                headers[self.API_TOKEN] = token
                headers["Authorization"] = f"{self.API_TOKEN} {token}"
        return headers

    def api_build_url_args(self, arguments: dict[str, Any]) -> str:
        groups = []
        for key, value in arguments.items():
            if isinstance(value, Iterable) and not isinstance(value, str):
                value = ",".join(str(item) for item in value)
            groups.append(f"{key}={value}")
        return "?" + "&".join(groups)

    def api_call(
        self,
        endpoint: str,
        method: str = "GET",
        url_args: dict[str, Any] | None = None,
        data: Any = None,
        json: Any = None,
        headers: dict[str, str] | None = None,
        simple_response: bool = True,
        endpoint_is_url: bool = False,
        **kwargs: Any,
    ) -> Any:
        """Perform the request; return ``response.json()`` unless ``simple_response=False``."""
        import json as json_pkg

        import requests

        if url_args:
            endpoint += self.api_build_url_args(url_args)
        if headers is None:
            headers = self.api_headers
        url = endpoint if endpoint_is_url else f"{self.api_url}/{endpoint.removeprefix('/')}"
        kwargs["headers"] = headers
        kwargs.pop("url", None)
        if data and json:
            raise ValueError("You can either pass `data` or `json` to this function.")
        if json:
            kwargs["data"] = json_pkg.dumps(json)
        if data:
            kwargs["data"] = data
        response = requests.request(method, url=url, **kwargs)
        return response.json() if simple_response else response
