"""The vault's screens (issue 23): the door before « Mes dossiers » (unlock, create, recover,
keep plain, encrypt an old folder) and the lock when the desk is left alone."""
