"""The two ISO 20022 schemas of the bank files, parsed once, and a parser safe for files from outside.

The schemas are the project's own copies in billing/schemas/iso20022/ (see the README there): the
ISO pain.001.001.03 for the credit transfer we write, and the German banks' SEPA profile of
pain.002.001.03 for the status report the bank returns.

A status report is uploaded by a person, so it is read as untrusted input: no entity is expanded
(no "billion laughs"), no DTD or external resource is loaded (no XXE, no network), and lxml's
limits for huge documents stay on. A document that declares a DTD at all is refused: no bank file
has one.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from lxml import etree

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas" / "iso20022"
PAIN001_NS = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"
PAIN002_NS = "urn:iso:std:iso:20022:tech:xsd:pain.002.001.03"


@cache
def pain001_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA_DIR / "pain.001.001.03.xsd")))


@cache
def pain002_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA_DIR / "pain.002.001.03.xsd")))


class DoctypeNotAllowed(ValueError):
    """The document declares a DTD (where entity attacks live); bank files never do."""


def parse_untrusted(content: bytes) -> etree._Element:
    """The root element of `content`, parsed without entities, DTDs or network access.

    Raises `etree.XMLSyntaxError` for what is not well-formed XML and `DoctypeNotAllowed` for a
    document with a document type declaration. A new parser each time: lxml parsers keep state and
    are not to be shared between threads.
    """
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    root = etree.fromstring(content, parser)
    if root.getroottree().docinfo.doctype:
        raise DoctypeNotAllowed
    return root


def first_schema_error(schema: etree.XMLSchema, root: etree._Element) -> str | None:
    """None when `root` is valid, otherwise the schema's first complaint with its line."""
    if schema.validate(root):
        return None
    error = schema.error_log[0]
    return f"line {error.line}: {error.message}"
