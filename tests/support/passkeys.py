"""A software passkey for Django-client tests: answers WebAuthn create() and get() as a phone would.

The browser journey uses Chromium's virtual authenticator; the page tests need the same answers
without a browser, signed with a real P-256 key, so that allauth's and fido2's checks on the
server run for real. The test client must speak to `localhost` (`passkey_client`): WebAuthn
accepts plain http only there, and the RP id is the request's host.
"""

from __future__ import annotations

import hashlib
import os

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from fido2.cose import ES256
from fido2.utils import websafe_decode, websafe_encode
from fido2.webauthn import AttestationObject, AttestedCredentialData, AuthenticatorData, CollectedClientData

HOST = "localhost"
ORIGIN = f"http://{HOST}"

FLAGS = AuthenticatorData.FLAG


def passkey_client(client):
    """The Django test client, speaking to localhost (an origin WebAuthn accepts without https)."""
    client.defaults["HTTP_HOST"] = HOST
    return client


class SoftPasskey:
    def __init__(self, *, user_verified: bool = True, origin: str = ORIGIN):
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.credential_id = os.urandom(16)
        self.user_verified = user_verified
        self.origin = origin
        self.user_handle = ""
        self.counter = 0

    def _flags(self, *extra):
        flags = FLAGS.UP
        if self.user_verified:
            flags |= FLAGS.UV
        for flag in extra:
            flags |= flag
        return flags

    def create(self, creation_options: dict) -> dict:
        """The answer to `navigator.credentials.create({publicKey: ...})`, as JSON."""
        options = creation_options["publicKey"]
        self.user_handle = options["user"]["id"]
        rp_id = options["rp"]["id"]
        client_data = CollectedClientData.create("webauthn.create", websafe_decode(options["challenge"]), self.origin)
        public_key = ES256.from_cryptography_key(self.key.public_key())
        credential_data = AttestedCredentialData.create(b"\0" * 16, self.credential_id, public_key)
        auth_data = AuthenticatorData.create(
            hashlib.sha256(rp_id.encode()).digest(), self._flags(FLAGS.AT), self.counter, credential_data
        )
        attestation = AttestationObject.create("none", auth_data, {})
        return {
            "id": websafe_encode(self.credential_id),
            "rawId": websafe_encode(self.credential_id),
            "type": "public-key",
            "response": {
                "clientDataJSON": websafe_encode(client_data),
                "attestationObject": websafe_encode(attestation),
                "transports": ["internal"],
            },
            "clientExtensionResults": {"credProps": {"rk": True}},
        }

    def get(self, request_options: dict) -> dict:
        """The answer to `navigator.credentials.get({publicKey: ...})`, as JSON."""
        options = request_options["publicKey"]
        self.counter += 1
        client_data = CollectedClientData.create("webauthn.get", websafe_decode(options["challenge"]), self.origin)
        auth_data = AuthenticatorData.create(
            hashlib.sha256(options["rpId"].encode()).digest(), self._flags(), self.counter
        )
        signature = self.key.sign(auth_data + client_data.hash, ec.ECDSA(hashes.SHA256()))
        return {
            "id": websafe_encode(self.credential_id),
            "rawId": websafe_encode(self.credential_id),
            "type": "public-key",
            "response": {
                "clientDataJSON": websafe_encode(client_data),
                "authenticatorData": websafe_encode(auth_data),
                "signature": websafe_encode(signature),
                "userHandle": self.user_handle,
            },
            "clientExtensionResults": {},
        }
