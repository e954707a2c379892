"""Stand-in for InvenTree's ``plugin.plugin``: the plugin base class and mixin mechanism.

Mirrors: ``src/backend/InvenTree/plugin/plugin.py`` (1.x, the version with ``PluginMixinEnum``
and ``mark_final``). Follows docs/design/loader.md and docs/design/mixins.md (How a mixin registers
itself).

What is modelled: metadata attributes and their derived properties, slug derivation,
the INVE-E11 final-method rule (enforced at class creation), mixin registration and the
query-time ``mixin_enabled`` check, the version-tuple comparison with its parsing quirks,
``plugin_static_file`` (including dev mode) and the ``PluginConfig`` lookup.

Left out (these raise ``NotImplementedError`` instead of inventing values): git metadata for
directory plugins (``_get_package_commit``), ``is_editable`` and ``settings_url``.
"""

from __future__ import annotations

import enum
import inspect
import os
import warnings
from datetime import datetime
from importlib import metadata as importlib_metadata
from pathlib import Path
from types import FunctionType
from typing import Any, TypeVar

from django.utils.text import slugify
from InvenTree.version import inventreeVersion, inventreeVersionTuple

T = TypeVar("T")


def _final_methods() -> frozenset[str]:
    """The names InvenTree's INVE-E11 check collects in the release the stand-in plays.

    Read from the versioned model (creator.facts, extracted from InvenTree's sources): plain
    methods marked final, also under a classmethod; InvenTree's check does not collect the
    marked properties, so a plugin may redefine those.
    """
    from creator import facts

    return facts.release(inventreeVersion()).final_methods


#: Defining any of these as a method, classmethod, staticmethod or property in a plugin class
#: body raises INVE-E11 (the release the stand-in plays: INVENTREE_STANDIN_VERSION).
FINAL_METHODS: frozenset[str] = _final_methods()

#: Keys of plugins that InvenTree 1.x always loads and forces active (docs/design/loader.md,
#: Activation).
MANDATORY_PLUGINS: tuple[str, ...] = (
    "inventreebarcode",
    "bom-exporter",
    "inventree-exporter",
    "inventree-ui-notification",
    "inventree-email-notification",
    "inventree-machines",
    "inventreecurrencyexchange",
    "inventreelabel",
    "inventreelabelmachine",
    "parameter-exporter",
)

_METHOD_LIKE = (FunctionType, classmethod, staticmethod, property)


class PluginMixinEnum(str, enum.Enum):  # noqa: UP042 (InvenTree: str + Enum)
    """Registration keys of the mixins (docs/design/mixins.md, How a mixin registers itself).

    ``WELL_KNOWN`` and ``SUPPLIER``-era additions: we could not read the string values of
    ``WELL_KNOWN``/``ALLOCATE``/``PRICING``; the stand-in uses lower-case names for them.
    """

    BASE = "base"
    ACTION = "action"
    API_CALL = "api_call"
    APP = "app"
    BARCODE = "barcode"
    CURRENCY_EXCHANGE = "currencyexchange"
    EVENTS = "events"
    EXPORTER = "exporter"
    ICON_PACK = "icon_pack"
    LABELS = "labels"
    LOCATE = "locate"
    MACHINE = "machine"
    MAIL = "mail"
    NAVIGATION = "navigation"
    NOTIFICATION = "notification"
    REPORT = "report"
    SCHEDULE = "schedule"
    SETTINGS = "settings"
    SETTINGS_CONTENT = "settingscontent"
    SUPPLIER = "supplier"
    STATE_TRANSITION = "statetransition"
    SUPPLIER_BARCODE = "supplier-barcode"
    URLS = "urls"
    USER_INTERFACE = "ui"
    VALIDATION = "validation"
    WELL_KNOWN = "wellknown"

    def __str__(self) -> str:
        return self.value


def mark_final(obj: T) -> T:
    """Mark a method (or the getter of a property) as final, as InvenTree's decorator does.

    The marker is informational: enforcement uses :data:`FINAL_METHODS`, which a test keeps in
    step with the marked members.
    """
    target: Any = obj
    if isinstance(obj, property):
        target = obj.fget
    elif isinstance(obj, (classmethod, staticmethod)):
        target = obj.__func__
    target.__inventree_final__ = True
    return obj


class MixinBase:
    """Registry of the mixins a plugin instance carries (docs/design/mixins.md).

    Each mixin's ``__init__`` calls ``super().__init__()`` first and then ``add_mixin``, so by
    the time a plugin is constructed every mixin has registered its key.
    """

    def __init__(self) -> None:
        self._mixinreg: dict[str, dict[str, Any]] = {}
        self._mixins: dict[str, bool | str] = {}
        super().__init__()

    @mark_final
    def mixin(self, key: str) -> bool:
        """True if a mixin registered under ``key``."""
        return str(key) in self._mixins

    @mark_final
    def mixin_enabled(self, key: str) -> bool:
        """Query-time check: ``True`` flag, or the (callable) attribute named at registration."""
        key = str(key)
        if key not in self._mixins:
            return False
        fnc_enabled = self._mixins[key]
        if fnc_enabled is True:
            return True
        if not fnc_enabled:
            return False
        value = getattr(self, str(fnc_enabled), True)
        if callable(value):
            value = value()
        return bool(value)

    @mark_final
    def add_mixin(self, key: str, fnc_enabled: bool | str = True, cls: type | None = None) -> None:
        """Register mixin ``key`` (lower-cased) with its enabled check."""
        key = str(key).lower()
        self._mixins[key] = fnc_enabled
        self.setup_mixin(key, cls=cls)

    @mark_final
    def setup_mixin(self, key: str, cls: type | None = None) -> None:
        """Record the mixin's display name (``MixinMeta.MIXIN_NAME``) and class."""
        name = key
        meta = getattr(cls, "MixinMeta", None) if cls is not None else None
        if meta is not None:
            name = getattr(meta, "MIXIN_NAME", key)
        self._mixinreg[key] = {"key": key, "human_name": name, "cls": cls}

    @mark_final
    def get_registered_mixins(
        self, with_base: bool = False, with_cls: bool = True
    ) -> list[dict[str, Any]]:
        """List registered mixins; the ``base`` entry only when ``with_base``."""
        result = []
        for key, entry in self._mixinreg.items():
            if key == PluginMixinEnum.BASE.value and not with_base:
                continue
            item = dict(entry)
            if not with_cls:
                item.pop("cls", None)
            result.append(item)
        return result

    @property
    @mark_final
    def registered_mixins(self) -> list[dict[str, Any]]:
        """Registered mixins without the base entry."""
        return self.get_registered_mixins()


class VersionMixin:
    """``MIN_VERSION``/``MAX_VERSION`` bounds and the quirky comparison (docs/design/loader.md)."""

    MIN_VERSION: str | None = None
    MAX_VERSION: str | None = None

    @mark_final
    def check_version(self, latest: list[int] | None = None) -> bool:
        """Compare parsed version lists: ``min <= current <= max``.

        A missing bound parses as the current version. A two-part bound parses as ``[]``, which
        makes a two-part MAX reject every version and a two-part MIN accept every version.
        """
        if latest is None:
            latest = inventreeVersionTuple()
        min_v = inventreeVersionTuple(self.MIN_VERSION)
        max_v = inventreeVersionTuple(self.MAX_VERSION)
        return bool(min_v <= latest <= max_v)


class InvenTreePlugin(VersionMixin, MixinBase):
    """Base class of every plugin. Subclass it last: ``class P(SomeMixin, InvenTreePlugin)``."""

    class MixinMeta:
        MIXIN_NAME = "Base"

    NAME: str = ""
    SLUG: str | None = None
    TITLE: str | None = None
    DESCRIPTION: str | None = None
    AUTHOR: str | None = None
    VERSION: str | None = None
    WEBSITE: str | None = None
    LICENSE: str | None = None
    PUBLISH_DATE: str | None = None
    ADMIN_SOURCE: str | None = None

    #: Set by entry-point loading (``registry.load_plugin_class(..., package_name=...)``).
    is_package: bool = False
    package_name: str | None = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """Enforce INVE-E11: a method-like attribute may not reuse a final name."""
        super().__init_subclass__(**kwargs)
        for attr, value in cls.__dict__.items():
            if attr in FINAL_METHODS and isinstance(value, _METHOD_LIKE):
                raise TypeError(
                    f"INVE-E11: Plugin '{cls.__name__}' cannot override final method "
                    f"'{attr}' from InvenTreePlugin."
                )

    def __init__(self) -> None:
        super().__init__()
        self.add_mixin(PluginMixinEnum.BASE.value, True, InvenTreePlugin)
        try:
            self.def_path: str | None = inspect.getfile(self.__class__)
        except (OSError, TypeError):  # class defined in an interactive session / -c code
            self.def_path = None
        self.define_package()

    # -- metadata -------------------------------------------------------------------------

    @mark_final
    def get_meta_value(self, key: str, old_key: str | None = None, default: Any = None) -> Any:
        """Read ``key``; fall back to the deprecated ``old_key`` with a warning, then default."""
        value = getattr(self, key, None)
        if not value and old_key:
            value = getattr(self, old_key, None)
            if value:
                warnings.warn(
                    f"Usage of {old_key} was depreciated in 0.7.0 in favour of {key}",
                    DeprecationWarning,
                    stacklevel=2,
                )
        if not value:
            value = default
        return value

    @mark_final
    def plugin_name(self) -> str:
        return self.get_meta_value("NAME", "PLUGIN_NAME")

    @property
    @mark_final
    def name(self) -> str:
        """The plugin's ``NAME``."""
        return self.plugin_name()

    @mark_final
    def plugin_slug(self) -> str:
        slug = self.get_meta_value("SLUG", "PLUGIN_SLUG", None) or self.plugin_name()
        return slugify(slug.lower())

    @property
    @mark_final
    def slug(self) -> str:
        """``slugify(SLUG or NAME)``: the registry key."""
        return self.plugin_slug()

    @mark_final
    def plugin_title(self) -> str:
        return self.get_meta_value("TITLE", "PLUGIN_TITLE", None) or self.plugin_name()

    @property
    @mark_final
    def human_name(self) -> str:
        """``TITLE``, falling back to ``NAME``."""
        return self.plugin_title()

    @property
    @mark_final
    def description(self) -> str:
        return (
            self.get_meta_value("DESCRIPTION")
            or self.package.get("description")
            or self.plugin_name()
        )

    @property
    @mark_final
    def author(self) -> str:
        return self.get_meta_value("AUTHOR") or self.package.get("author") or "No author found"

    @property
    @mark_final
    def pub_date(self) -> datetime | None:
        """``PUBLISH_DATE`` parsed with ``fromisoformat``; a bad value raises ValueError."""
        value = self.get_meta_value("PUBLISH_DATE")
        if not value:
            return None
        return datetime.fromisoformat(str(value))

    @property
    @mark_final
    def version(self) -> str | None:
        return self.get_meta_value("VERSION") or self.package.get("version")

    @property
    @mark_final
    def website(self) -> str | None:
        return self.get_meta_value("WEBSITE") or self.package.get("website")

    @property
    @mark_final
    def license(self) -> str | None:
        return self.get_meta_value("LICENSE") or self.package.get("license")

    # -- package / location ---------------------------------------------------------------

    def define_package(self) -> None:
        """Look up fallback metadata: package metadata for pip plugins, nothing otherwise."""
        self.package: dict[str, Any] = {}
        if self._is_package:
            self.package = self._get_package_metadata()

    @classmethod
    @mark_final
    def _get_package_metadata(cls) -> dict[str, Any]:
        """Metadata looked up by CLASS name, then by top-level import package (never dist)."""
        meta = None
        for candidate in (cls.__name__, cls.__module__.split(".")[0]):
            try:
                meta = importlib_metadata.metadata(candidate)
                break
            except importlib_metadata.PackageNotFoundError:
                continue
        if meta is None:
            return {}
        website = meta.get("Project-URL")
        if website and ", " in website:
            website = website.split(", ")[1]
        return {
            "author": meta.get("Author-email"),
            "description": meta.get("Summary"),
            "version": meta.get("Version"),
            "website": website,
            "license": meta.get("License"),
        }

    @classmethod
    @mark_final
    def _get_package_commit(cls) -> dict[str, Any]:
        raise NotImplementedError("stand-in: git metadata of directory plugins is not modelled")

    @classmethod
    @mark_final
    def check_is_package(cls) -> bool:
        return bool(getattr(cls, "is_package", False))

    @property
    @mark_final
    def _is_package(self) -> bool:
        return self.check_is_package()

    @classmethod
    @mark_final
    def check_is_sample(cls) -> bool:
        return cls.__module__.startswith("plugin.samples")

    @property
    @mark_final
    def is_sample(self) -> bool:
        return self.check_is_sample()

    @classmethod
    @mark_final
    def check_is_builtin(cls) -> bool:
        return cls.__module__.startswith("plugin.builtin")

    @property
    @mark_final
    def is_builtin(self) -> bool:
        return self.check_is_builtin()

    @mark_final
    def is_mandatory(self) -> bool:
        from django.conf import settings

        extra = list(getattr(settings, "PLUGINS_MANDATORY", []) or [])
        return self.slug in MANDATORY_PLUGINS or self.slug in extra

    @classmethod
    @mark_final
    def check_package_path(cls) -> str:
        """Dotted module for packages, else the directory holding the class file."""
        if cls.check_is_package():
            return cls.__module__
        return str(cls.path())

    @property
    @mark_final
    def package_path(self) -> str:
        return self.check_package_path()

    @classmethod
    @mark_final
    def check_package_install_name(cls) -> str | None:
        return getattr(cls, "package_name", None)

    @property
    @mark_final
    def package_install_name(self) -> str | None:
        return self.check_package_install_name()

    @property
    @mark_final
    def settings_url(self) -> str:
        raise NotImplementedError("stand-in: the admin settings URL is not modelled")

    @property
    @mark_final
    def is_editable(self) -> bool:
        raise NotImplementedError("stand-in: editable-install detection is not modelled")

    @classmethod
    @mark_final
    def file(cls) -> Path:
        """The file that defines the plugin class."""
        return Path(inspect.getfile(cls)).resolve()

    @classmethod
    @mark_final
    def path(cls) -> Path:
        """The directory of :meth:`file`; static files are read from ``path()/static``."""
        return cls.file().parent

    # -- config / activity ----------------------------------------------------------------

    @mark_final
    def plugin_config(self) -> Any:
        """The ``PluginConfig`` row for this plugin, created on first use (None without a DB)."""
        from django.db import DatabaseError

        try:
            from plugin.models import PluginConfig

            config, _ = PluginConfig.objects.get_or_create(
                key=self.slug, defaults={"name": self.name}
            )
        except DatabaseError:
            return None
        return config

    @mark_final
    def is_active(self) -> bool:
        """Mandatory plugins are always active; otherwise the config's ``active`` flag."""
        if self.is_mandatory():
            return True
        config = self.plugin_config()
        return bool(config and config.is_active())

    # -- static files / admin -------------------------------------------------------------

    @mark_final
    def plugin_static_file(self, *args: str) -> str:
        """``/static/plugins/<SLUG>/<args>`` built from the RAW ``SLUG`` (docs/design/loader.md).

        ``SLUG = None`` raises TypeError as ``os.path.join`` does in InvenTree. In DEBUG with
        ``PLUGIN_DEV_HOST``/``PLUGIN_DEV_SLUG`` matching ``SLUG`` the dev-server URL is built.
        """
        from django.conf import settings

        dev_host = getattr(settings, "PLUGIN_DEV_HOST", None)
        dev_slug = getattr(settings, "PLUGIN_DEV_SLUG", None)
        if settings.DEBUG and dev_host and dev_slug and dev_slug == self.SLUG:
            return f"{dev_host}/src/{'/'.join(args)}".replace(".js", ".tsx")
        # os.path.join on purpose: it is what raises TypeError for SLUG = None in InvenTree.
        url = os.path.join(settings.STATIC_URL, "plugins", self.SLUG, *args)  # noqa: PTH118
        if not url.startswith("/"):
            url = "/" + url
        return url

    def get_admin_source(self) -> str | None:
        """``plugin_static_file(ADMIN_SOURCE)`` when an admin source is declared."""
        if not self.ADMIN_SOURCE:
            return None
        return self.plugin_static_file(self.ADMIN_SOURCE)

    def get_admin_context(self) -> dict[str, Any] | None:
        """Context handed to the admin settings panel; override to provide one."""
        return None

    def _get_value(self, meta_name: str, package_name: str) -> Any:
        """Overridable helper: a meta attribute, else a package metadata value."""
        return self.get_meta_value(meta_name) or self.package.get(package_name)


def current_version_text() -> str:
    """The stand-in's current InvenTree version (helper for error messages)."""
    return inventreeVersion()


__all__ = [
    "FINAL_METHODS",
    "MANDATORY_PLUGINS",
    "InvenTreePlugin",
    "MixinBase",
    "PluginMixinEnum",
    "VersionMixin",
    "mark_final",
]
