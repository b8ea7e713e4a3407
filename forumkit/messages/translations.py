"""gettext catalogues of the messages (Babel): the `.pot` template and the translations.

Each message is one entry whose context (msgctxt) is its id and whose msgid is its English
text, so two messages with the same English can be translated apart, and a translation of
an English text that has since changed is not used (the English is, until a translator
brings the `.po` up to date). Translations are read from `.po` files when first needed, once
per process: `<locales>/<lang>/LC_MESSAGES/forumkit.po` in the folders of the core and of
each plugin that ships any.
"""

from __future__ import annotations

import io
import logging
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from forumkit.messages.catalogue import CATALOGUE, Catalogue, Message, placeholders

log = logging.getLogger(__name__)
DOMAIN = "forumkit"
CORE_LOCALES = Path(__file__).parent / "locales"


def normal_locale(value: str) -> str:
    """A locale as Babel names it (`es`, `pt_BR`); ValueError when it names none."""
    try:
        return str(Locale.parse(value.strip().replace("-", "_")))
    except (UnknownLocaleError, ValueError, TypeError):
        raise ValueError(f"{value!r} is not a locale (e.g. en, cy, es, pt_BR)") from None


def candidates(locale: str) -> list[str]:
    """`pt_BR` then `pt`: the most exact catalogue first."""
    found = [locale]
    if "_" in locale:
        found.append(locale.split("_", 1)[0])
    return found


@lru_cache(maxsize=64)
def _read(path: Path) -> dict[str, tuple[str, str]]:
    """id -> (English it translates, translation), from one .po file."""
    try:
        with path.open("rb") as handle:
            catalog = read_po(handle, domain=DOMAIN)
    except FileNotFoundError:
        return {}
    found: dict[str, tuple[str, str]] = {}
    for entry in catalog:
        if entry.context and entry.id and isinstance(entry.string, str) and entry.string \
                and not entry.fuzzy and isinstance(entry.id, str):
            found[entry.context] = (entry.id, entry.string)
    return found


def translated(message: Message, locale: str, catalogue: Catalogue = CATALOGUE) -> str | None:
    """The message in this locale, or None: no catalogue, no entry, a fuzzy one, one made
    for an older English text, or one whose placeholders differ (never sent half-filled)."""
    if locale.split("_", 1)[0] == "en":
        return None
    for lang in candidates(locale):
        for folder in catalogue.locale_dirs:
            entry = _read(folder / lang / "LC_MESSAGES" / f"{DOMAIN}.po").get(message.id)
            if entry is None:
                continue
            source, text = entry
            if source != message.text:
                continue
            try:
                if placeholders(text) != message.placeholders:
                    log.warning("translation skipped: placeholders differ",
                                extra={"message_id": message.id, "locale": lang})
                    continue
            except ValueError:
                continue
            return text
    return None


def available(catalogue: Catalogue = CATALOGUE) -> list[str]:
    """The locales some catalogue folder has a translation for."""
    found = {p.parent.parent.name for folder in catalogue.locale_dirs
             for p in folder.glob(f"*/LC_MESSAGES/{DOMAIN}.po")}
    return sorted(found)


def template(catalogue: Catalogue = CATALOGUE, now: datetime | None = None) -> bytes:
    """The `.pot` template of every message: what translators start from."""
    pot = Catalog(project="ForumKit", domain=DOMAIN, creation_date=now,
                  msgid_bugs_address="", copyright_holder="", fuzzy=False)
    for message in catalogue.all():
        comments = [f"{message.audience}: {message.where}"]
        if message.note:
            comments.append(message.note)
        if message.placeholders:
            comments.append("placeholders: " + ", ".join(sorted(message.placeholders)))
        pot.add(message.text, context=message.id, auto_comments=comments,
                flags=("python-brace-format",) if message.placeholders else ())
    out = io.BytesIO()
    write_po(out, pot, width=100, omit_header=False)
    return out.getvalue()
