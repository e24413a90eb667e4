"""Tokens of the figures API: a long random secret that a reporting system sends as
`Authorization: Bearer <token>` to read the aggregate figures (web/api/).

The kernel keeps the token (`models.ApiToken`, only the sha256 of its secret), its writes
(`services`) and its lookup (`selectors`); the API itself is a module of web/, because it reads the
billing app's reports."""
