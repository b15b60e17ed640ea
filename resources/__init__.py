"""Static files: translations, demo data, sounds, icons."""
