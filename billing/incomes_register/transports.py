"""How a delivery's file leaves for the Incomes Register: the transport interface and two of them.

The interface: `send(delivery) -> location` hands the delivery's stored, validated file over and
says where it went, or raises TemporaryTransportError (worth another try later) or
PermanentTransportError (a person must fix something first). Returning means it left. The
transport of an installation is named by JOBCENTER_IR_TRANSPORT (a dotted class path).

- `FolderTransport` (shipped): the file goes into JOBCENTER_IR_OUTBOX_DIR, from where it is
  uploaded to the register's upload service (latauspalvelu, in the register's e-service). It
  appears whole or not at all: written to a hidden temporary file in the same folder, synced,
  then linked under its final name; linking refuses a name that exists, so a file never replaces
  one that has not been uploaded yet. Whoever collects the files skips names starting with a dot.
- `WebServiceTransport`: the register's technical interface. It needs the certificate that the
  register's certificate service issues (JOBCENTER_IR_CERTIFICATE: one PEM file with the private
  key and the certificate) and the service's address (JOBCENTER_IR_ENDPOINT); without either it
  fails with a configuration error that names the setting. It signs the file (an enveloped XML
  signature, RSA-SHA256, exclusive canonicalisation, the certificate in KeyInfo), puts it in a
  SOAP envelope and posts it over TLS with the same certificate. It cannot reach the register
  from the development machines; everything up to the wire is tested.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import ssl
import tempfile
import urllib.error
import urllib.request
from pathlib import Path
from typing import Protocol, runtime_checkable

from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from lxml import etree

from billing.incomes_register.xml import validate_wage_reports

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


class TransportError(Exception):
    """The file did not leave. The text is shown to the coordinator as the reason."""


class TemporaryTransportError(TransportError):
    """Worth another try later (a full disk, a folder not mounted, the register's service down)."""


class PermanentTransportError(TransportError):
    """Trying again will not help until a person fixes the cause."""


class TransportNotConfigured(PermanentTransportError):
    """A setting the transport needs is missing or unusable."""


@runtime_checkable
class IncomesRegisterTransport(Protocol):
    def send(self, delivery) -> str: ...


def get_transport() -> IncomesRegisterTransport:
    return import_string(settings.JOBCENTER_IR_TRANSPORT)()


def delivery_content(delivery) -> bytes:
    with delivery.file.open("rb") as stream:
        return stream.read()


def file_name(delivery) -> str:
    return (_UNSAFE.sub("_", delivery.delivery_id).strip("._") or "delivery") + ".xml"


class FolderTransport:
    def __init__(self, directory: str | os.PathLike | None = None) -> None:
        self.directory = Path(directory or settings.JOBCENTER_IR_OUTBOX_DIR)

    def send(self, delivery) -> str:
        content = delivery_content(delivery)
        name = file_name(delivery)
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".part", dir=self.directory)
        except ValueError as exc:  # a path the system cannot use at all: the setting must change
            raise PermanentTransportError(f"JOBCENTER_IR_OUTBOX_DIR: {exc}") from exc
        except OSError as exc:
            raise TemporaryTransportError(f"{type(exc).__name__}: {exc}") from exc
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(content)
                stream.flush()
                os.fsync(stream.fileno())
            os.link(temporary, self.directory / name)
        except FileExistsError:
            raise PermanentTransportError(
                _("The file %(name)s is already in the outbound folder and has not been uploaded yet.") % {"name": name}
            ) from None
        except OSError as exc:
            raise TemporaryTransportError(f"{type(exc).__name__}: {exc}") from exc
        finally:
            try:
                os.unlink(temporary)
            except FileNotFoundError:
                pass
        return str(self.directory / name)


# --- The register's web service ---------------------------------------------------------------
DS = "http://www.w3.org/2000/09/xmldsig#"
SOAP = "http://schemas.xmlsoap.org/soap/envelope/"
EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#"
ENVELOPED = "http://www.w3.org/2000/09/xmldsig#enveloped-signature"
RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256"


def _c14n(element) -> bytes:
    return etree.tostring(element, method="c14n", exclusive=True, with_comments=False)


def load_certificate(path: str):
    """(private key, certificate) from one PEM file; TransportNotConfigured when unusable."""
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    try:
        data = Path(path).read_bytes()
        return load_pem_private_key(data, password=None), x509.load_pem_x509_certificate(data)
    except (OSError, ValueError, TypeError) as exc:
        raise TransportNotConfigured(
            _("The Incomes Register certificate (JOBCENTER_IR_CERTIFICATE) cannot be read: %(error)s")
            % {"error": type(exc).__name__}
        ) from None


def sign_wage_reports(content: bytes, private_key, certificate) -> bytes:
    """The file with an enveloped XML signature of the whole document (the schema's optional
    ds:Signature after DeliveryData), validated again against the register's schema."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding
    from cryptography.hazmat.primitives.serialization import Encoding

    root = etree.fromstring(content)
    digest = base64.b64encode(hashlib.sha256(_c14n(root)).digest()).decode()
    signature = etree.SubElement(root, f"{{{DS}}}Signature", nsmap={"ds": DS})
    signed_info = etree.SubElement(signature, f"{{{DS}}}SignedInfo")
    etree.SubElement(signed_info, f"{{{DS}}}CanonicalizationMethod", Algorithm=EXC_C14N)
    etree.SubElement(signed_info, f"{{{DS}}}SignatureMethod", Algorithm=RSA_SHA256)
    reference = etree.SubElement(signed_info, f"{{{DS}}}Reference", URI="")
    transforms = etree.SubElement(reference, f"{{{DS}}}Transforms")
    etree.SubElement(transforms, f"{{{DS}}}Transform", Algorithm=ENVELOPED)
    etree.SubElement(transforms, f"{{{DS}}}Transform", Algorithm=EXC_C14N)
    etree.SubElement(reference, f"{{{DS}}}DigestMethod", Algorithm=SHA256)
    etree.SubElement(reference, f"{{{DS}}}DigestValue").text = digest
    value = private_key.sign(_c14n(signed_info), padding.PKCS1v15(), hashes.SHA256())
    etree.SubElement(signature, f"{{{DS}}}SignatureValue").text = base64.b64encode(value).decode()
    x509_data = etree.SubElement(etree.SubElement(signature, f"{{{DS}}}KeyInfo"), f"{{{DS}}}X509Data")
    etree.SubElement(x509_data, f"{{{DS}}}X509Certificate").text = base64.b64encode(
        certificate.public_bytes(Encoding.DER)
    ).decode()
    signed = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    validate_wage_reports(signed)
    return signed


def soap_request(signed: bytes) -> bytes:
    envelope = etree.Element(f"{{{SOAP}}}Envelope", nsmap={"soapenv": SOAP})
    etree.SubElement(envelope, f"{{{SOAP}}}Header")
    etree.SubElement(envelope, f"{{{SOAP}}}Body").append(etree.fromstring(signed))
    return etree.tostring(envelope, xml_declaration=True, encoding="UTF-8")


class WebServiceTransport:
    timeout = 60

    def __init__(self, certificate: str | None = None, endpoint: str | None = None) -> None:
        self.certificate = certificate if certificate is not None else settings.JOBCENTER_IR_CERTIFICATE
        self.endpoint = endpoint if endpoint is not None else settings.JOBCENTER_IR_ENDPOINT

    def request_body(self, delivery) -> bytes:
        """Everything the transport sends, made and checked without a network."""
        if not self.certificate:
            raise TransportNotConfigured(
                _(
                    "The Incomes Register web service needs a certificate from the register's certificate "
                    "service: set JOBCENTER_IR_CERTIFICATE to its PEM file."
                )
            )
        if not self.endpoint.startswith("https://"):
            raise TransportNotConfigured(
                _("The https address of the Incomes Register web service is not set (JOBCENTER_IR_ENDPOINT).")
            )
        private_key, certificate = load_certificate(self.certificate)
        return soap_request(sign_wage_reports(delivery_content(delivery), private_key, certificate))

    def send(self, delivery) -> str:
        body = self.request_body(delivery)
        self._post(body)
        return self.endpoint

    def _post(self, body: bytes) -> None:
        context = ssl.create_default_context()
        context.load_cert_chain(self.certificate)
        # The address is https only (checked in request_body), so no file: or custom scheme is opened.
        request = urllib.request.Request(  # noqa: S310
            self.endpoint, data=body, method="POST", headers={"Content-Type": "text/xml; charset=utf-8"}
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout, context=context) as response:  # noqa: S310
                response.read()
        except urllib.error.HTTPError as exc:
            if exc.code >= 500:
                raise TemporaryTransportError(f"HTTP {exc.code}") from exc
            raise PermanentTransportError(f"HTTP {exc.code}") from exc
        except (urllib.error.URLError, OSError) as exc:
            raise TemporaryTransportError(f"{type(exc).__name__}: {exc}") from exc
