"""The vault: applicants' data encrypted at rest (issue 23).

- `keys`: the data key, sealed by the passphrase (argon2id) and by the recovery key, in the
  key file `coffre.cle` (`keyfile`); `passphrase`: the rules, the strength in words, the wait
  after a wrong one; `recovery`: the recovery key's alphabet, groups and checks.
- `files`: files of any size encrypted in authenticated chunks (AES-256-GCM), streamed.
- `database`: the database through SQLCipher (`sqlcipher3`), its log lines silenced, and the
  verified encrypted copy of a plain SQLite database.
- `errors`: each refusal a class, with a French message saying what to do.

Nothing here imports Textual, and nothing heavy at import time: `cryptography`, `argon2`
and `sqlcipher3` are imported inside the functions that use them, so start-up is unchanged.
"""
