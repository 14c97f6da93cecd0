"""The clinic's details, from a TOML file (``clinic.toml`` by default).

``EXPLAINER_CLINIC_CONFIG`` points to another file; ``EXPLAINER_IDLE_SECONDS``
overrides the kiosk idle time, ``EXPLAINER_ALERT_HOLD_SECONDS`` the time an
emergency or urgent result stays on screen and ``EXPLAINER_STAFF_IDLE_SECONDS``
the time before an untouched staff mode locks again (the browser tests use a
few seconds).
Every problem is reported as ``<file>: <key>: <problem>`` so whoever set up
the kiosk can fix it without reading code.
"""
from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from explainer import ROOT
from explainer.common.params import LANGUAGES, kiosk_name

DEFAULT_CONFIG = ROOT / "clinic.toml"
CONFIG_ENV = "EXPLAINER_CLINIC_CONFIG"
IDLE_ENV = "EXPLAINER_IDLE_SECONDS"
ALERT_HOLD_ENV = "EXPLAINER_ALERT_HOLD_SECONDS"
STAFF_IDLE_ENV = "EXPLAINER_STAFF_IDLE_SECONDS"
#: Overrides [shared] redis_url (a group's replicas share alerts through Redis).
REDIS_URL_ENV = "EXPLAINER_REDIS_URL"
#: A clinic id: lower-case letters, digits and dashes (it names the clinic's keys in Redis).
CLINIC_ID = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?")
CLINIC_ID_DEFAULT = "default"

#: Kiosk idle time before the "are you still there?" warning, in seconds.
IDLE_SECONDS_DEFAULT = 90
IDLE_SECONDS_RANGE = (2, 3600)  # 2 s only makes sense for tests; the env override uses it
#: How long an emergency or urgent result stays on a kiosk without a touch
#: before the idle reset (instead of idle_seconds): time for the front desk to come.
ALERT_HOLD_SECONDS_DEFAULT = 300
ALERT_HOLD_SECONDS_RANGE = IDLE_SECONDS_RANGE
#: Unlocked staff mode locks again after this long without a touch (seconds).
STAFF_IDLE_SECONDS_DEFAULT = 600
STAFF_IDLE_SECONDS_RANGE = (2, 86400)  # 2 s only makes sense for tests; the env override uses it
#: The name the front desk sees on this kiosk's alerts, unless ?kiosk= names it.
KIOSK_NAME_DEFAULT = "Kiosk"

#: Paper the take-home handout is laid out for: US clinics print on Letter, most others on A4.
PAPERS = ("letter", "a4")
PAPER_DEFAULT = "letter"
#: Clinic fields printed on the handout (checked against its font's characters).
PRINTED_FIELDS = ("name", "city", "region", "address", "phone", "website")


class ConfigError(Exception):
    """The clinic config cannot be used; the message names file, key and problem."""


@dataclass(frozen=True)
class ClinicConfig:
    name: str
    city: str
    region: str
    phone: str
    website: str
    address: str
    languages: tuple[str, ...]
    default_language: str
    idle_seconds: int
    source: Path
    alert_hold_seconds: int = ALERT_HOLD_SECONDS_DEFAULT
    kiosk_name: str = KIOSK_NAME_DEFAULT
    #: Handout paper size, one of PAPERS ([handout] paper).
    paper: str = PAPER_DEFAULT
    #: Digits staff type once per session to enter staff mode; "" = no PIN.
    #: Kept out of repr so it never reaches a log line.
    staff_pin: str = field(default="", repr=False)
    #: Staff mode returns to patient mode (and asks for the PIN again) after this long untouched.
    staff_idle_seconds: int = STAFF_IDLE_SECONDS_DEFAULT
    #: Which clinic this kiosk or desk belongs to ([clinic] id; default: a slug of the name).
    #: Alerts are kept per clinic: a desk lists only its own clinic's kiosks.
    clinic_id: str = CLINIC_ID_DEFAULT
    #: Where a clinic group's replicas share alerts and PIN counters ([shared] redis_url or
    #: EXPLAINER_REDIS_URL); "" = this server process's memory (one clinic, one process).
    #: Kept out of repr: a URL may carry a password.
    redis_url: str = field(default="", repr=False)

    @property
    def location(self) -> str:
        return ", ".join(part for part in (self.city, self.region) if part)


#: Characters no clinic detail needs: control characters (a newline would start a
#: new Markdown block) and the invisible marks that reverse or reorder text.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def _text(path: Path, table: dict, section: str, key: str, required: bool = False, limit: int = 200) -> str:
    value = table.get(key, "")
    where = f"{path}: [{section}] {key}"
    if not isinstance(value, str):
        raise ConfigError(f"{where}: must be text in quotes, got {value!r}")
    value = value.strip()
    if required and not value:
        raise ConfigError(f"{where}: is required and is empty")
    if len(value) > limit:
        raise ConfigError(f"{where}: is longer than {limit} characters")
    bad = _UNPRINTABLE.search(value)
    if bad:
        raise ConfigError(f"{where}: contains an invisible control character (U+{ord(bad.group()):04X}); type it on one line")
    return value


#: Characters a web address never holds unencoded (RFC 3986), besides spaces.
_NOT_IN_URL = re.compile(r'[\s<>"{}|\\^`]')


def _website(path: Path, clinic: dict) -> str:
    website = _text(path, clinic, "clinic", "website")
    if not website:
        return ""
    where = f"{path}: [clinic] website"
    try:
        parsed = urlparse(website)
        host = parsed.hostname
    except ValueError as exc:  # e.g. "http://[oops": an unclosed IPv6 bracket
        raise ConfigError(f"{where}: is not a web address ({exc}), got {website!r}") from None
    if parsed.scheme not in ("http", "https") or not host:
        raise ConfigError(f"{where}: must start with https:// or http://, got {website!r}")
    if _NOT_IN_URL.search(website) or parsed.username is not None or parsed.password is not None:
        raise ConfigError(f"{where}: is not a plain web address (spaces, quotes, <> or a user name), got {website!r}")
    return website


STAFF_PIN_DIGITS = (4, 8)


def _staff_pin(value: object, where: str) -> str:
    low, high = STAFF_PIN_DIGITS
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        value = str(value)  # staff_pin = 4821 without quotes (a leading 0 needs quotes)
    if not isinstance(value, str):
        raise ConfigError(f"{where}: must be {low} to {high} digits in quotes, like \"4821\"")
    value = value.strip()
    if value and not (value.isascii() and value.isdigit() and low <= len(value) <= high):
        # Never echo the value: it is (meant to be) a secret.
        raise ConfigError(f"{where}: must be {low} to {high} digits (0-9) in quotes, like \"4821\"")
    return value


def slug(name: str) -> str:
    """A clinic id made from its name: "Active Medical & Chiropractic" -> "active-medical-chiropractic"."""
    import unicodedata

    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    words = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:64].strip("-")
    return words or CLINIC_ID_DEFAULT


def _clinic_id(path: Path, clinic: dict, name: str) -> str:
    value = clinic.get("id")
    if value is None:
        return slug(name)
    where = f"{path}: [clinic] id"
    if not isinstance(value, str) or not CLINIC_ID.fullmatch(value.strip()):
        raise ConfigError(f"{where}: must be 1 to 64 lower-case letters, digits and dashes, like \"north-side\", "
                          f"got {value!r}")
    return value.strip()


def _redis_url(path: Path, data: dict, env) -> str:
    shared = data.get("shared", {})
    if not isinstance(shared, dict):
        raise ConfigError(f"{path}: [shared]: must be a section")
    if env.get(REDIS_URL_ENV):
        value, where = env[REDIS_URL_ENV], f"{REDIS_URL_ENV} (environment)"
    else:
        value, where = shared.get("redis_url", ""), f"{path}: [shared] redis_url"
    if not isinstance(value, str):
        raise ConfigError(f"{where}: must be text in quotes, like \"redis://127.0.0.1:6379/0\"")
    value = value.strip()
    if not value:
        return ""
    try:
        parsed = urlparse(value)
        parsed.port  # a port that is not a number raises here
    except ValueError:
        parsed = None
    if parsed is None or parsed.scheme not in ("redis", "rediss", "unix") or not (parsed.hostname or parsed.path):
        # Never echo the value: it may hold a password.
        raise ConfigError(f"{where}: must start with redis://, rediss:// or unix://, like \"redis://127.0.0.1:6379/0\"")
    return value


def _idle_seconds(value: object, where: str, allowed: tuple[int, int] = IDLE_SECONDS_RANGE) -> int:
    low, high = allowed
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ConfigError(f"{where}: must be a whole number of seconds from {low} to {high}, got {value!r}")
    return value


def _paper(path: Path, handout: dict) -> str:
    value = handout.get("paper", PAPER_DEFAULT)
    paper = value.strip().lower() if isinstance(value, str) else value
    if paper not in PAPERS:
        raise ConfigError(f"{path}: [handout] paper: must be one of {list(PAPERS)}, got {value!r}")
    return paper


def _check_printable(path: Path, fields: dict[str, str]) -> None:
    """A character the handout font lacks would print as nothing (a blank clinic
    name, "https://.jp/"): say so now, naming the field, rather than on paper."""
    from explainer.common.handout_font import unprintable  # the font's character set, read once

    for key, value in fields.items():
        missing = unprintable(value)
        if missing:
            shown = " ".join(missing[:8]) + (" ..." if len(missing) > 8 else "")
            raise ConfigError(f"{path}: [clinic] {key}: the printed handout cannot show these characters: {shown} "
                              f"(its font has Latin letters only, as used in English and Spanish)")


#: A clinic file is a few hundred bytes; anything far larger is not one.
MAX_FILE_BYTES = 64 * 1024
_BOMS = (
    (b"\xef\xbb\xbf", "UTF-8 with a byte-order mark"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


def _read_toml(path: Path) -> dict:
    """The file's TOML as a dict; every way it can fail becomes a ConfigError naming the file."""
    try:
        with path.open("rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise ConfigError(f"{path}: file not found") from None
    except IsADirectoryError:
        raise ConfigError(f"{path}: is a folder, not a file") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if len(raw) > MAX_FILE_BYTES:
        raise ConfigError(f"{path}: is larger than {MAX_FILE_BYTES // 1024} KB; this is not a clinic file")
    for bom, name in _BOMS:
        if raw.startswith(bom):
            raise ConfigError(f"{path}: is saved as {name}; save it as UTF-8 (without a byte-order mark)")
    if b"\x00" in raw:
        raise ConfigError(f"{path}: is not a text file (it contains zero bytes); save it as UTF-8 text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ConfigError(
            f"{path}: line {line}: is not UTF-8 text (byte 0x{raw[exc.start]:02x}); "
            "save the file as UTF-8 (Latin-1 and Windows encodings are not read)"
        ) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: is not valid TOML ({exc})") from None
    except RecursionError:
        raise ConfigError(f"{path}: is not valid TOML (nested too deeply)") from None


def load_clinic(path: Path | str | None = None, env: dict[str, str] | None = None) -> ClinicConfig:
    """Read and validate the clinic config; raise ConfigError with a plain message."""
    env = os.environ if env is None else env
    path = Path(path or env.get(CONFIG_ENV) or DEFAULT_CONFIG)
    data = _read_toml(path)

    clinic = data.get("clinic")
    if not isinstance(clinic, dict):
        raise ConfigError(f"{path}: [clinic]: section is missing")
    kiosk = data.get("kiosk", {})
    if not isinstance(kiosk, dict):
        raise ConfigError(f"{path}: [kiosk]: must be a section")
    handout = data.get("handout", {})
    if not isinstance(handout, dict):
        raise ConfigError(f"{path}: [handout]: must be a section")

    website = _website(path, clinic)
    staff_pin = _staff_pin(kiosk.get("staff_pin", ""), f"{path}: [kiosk] staff_pin")

    languages = kiosk.get("languages", list(LANGUAGES))
    if (
        not isinstance(languages, list)
        or not languages
        or any(lang not in LANGUAGES for lang in languages)
        or len(set(languages)) != len(languages)
    ):
        raise ConfigError(f"{path}: [kiosk] languages: must list some of {list(LANGUAGES)}, got {languages!r}")
    default_language = kiosk.get("default_language", languages[0])
    if default_language not in languages:
        raise ConfigError(f"{path}: [kiosk] default_language: must be one of {languages}, got {default_language!r}")

    idle = _idle_seconds(kiosk.get("idle_seconds", IDLE_SECONDS_DEFAULT), f"{path}: [kiosk] idle_seconds")
    if env.get(IDLE_ENV):
        idle = _idle_seconds(env[IDLE_ENV], f"{IDLE_ENV} (environment)")

    printed = {
        "name": _text(path, clinic, "clinic", "name", required=True),
        "city": _text(path, clinic, "clinic", "city"),
        "region": _text(path, clinic, "clinic", "region"),
        "address": _text(path, clinic, "clinic", "address"),
        "phone": _text(path, clinic, "clinic", "phone", limit=40),
        "website": website,
    }
    assert tuple(printed) == PRINTED_FIELDS
    _check_printable(path, printed)
    hold_where = f"{path}: [kiosk] alert_hold_seconds"
    hold = _idle_seconds(kiosk.get("alert_hold_seconds", ALERT_HOLD_SECONDS_DEFAULT), hold_where, ALERT_HOLD_SECONDS_RANGE)
    if env.get(ALERT_HOLD_ENV):
        hold = _idle_seconds(env[ALERT_HOLD_ENV], f"{ALERT_HOLD_ENV} (environment)", ALERT_HOLD_SECONDS_RANGE)

    staff_idle = _idle_seconds(kiosk.get("staff_idle_seconds", STAFF_IDLE_SECONDS_DEFAULT),
                               f"{path}: [kiosk] staff_idle_seconds", STAFF_IDLE_SECONDS_RANGE)
    if env.get(STAFF_IDLE_ENV):
        staff_idle = _idle_seconds(env[STAFF_IDLE_ENV], f"{STAFF_IDLE_ENV} (environment)", STAFF_IDLE_SECONDS_RANGE)

    name = kiosk.get("name", KIOSK_NAME_DEFAULT)
    try:
        name = kiosk_name(name)
    except ValueError as exc:
        raise ConfigError(f"{path}: [kiosk] name: {exc} (letters, digits, spaces and dashes, up to 32), got {name!r}") from None

    return ClinicConfig(
        **printed,
        languages=tuple(languages),
        default_language=default_language,
        idle_seconds=idle,
        source=path,
        alert_hold_seconds=hold,
        kiosk_name=name,
        paper=_paper(path, handout),
        staff_pin=staff_pin,
        staff_idle_seconds=staff_idle,
        clinic_id=_clinic_id(path, clinic, printed["name"]),
        redis_url=_redis_url(path, data, env),
    )
