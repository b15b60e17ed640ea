"""Call notes: the data (:mod:`notes.model`), drafts kept while typing (:mod:`notes.drafts`),
validation, finalising and crash recovery. Stored through :class:`storage.NotesStore`."""
