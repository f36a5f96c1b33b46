"""Test bases for the partner API: a model's endpoint test declares its data and inherits the matrix
(masking and the personal-data log, partners unable to write, another tenant's 404, committed query
counts at 3 and 30 rows). See ``contract.py`` and docs/testing.md."""

from tests.api_testing.contract import EndpointContract, key_client, session_client

__all__ = ["EndpointContract", "key_client", "session_client"]
