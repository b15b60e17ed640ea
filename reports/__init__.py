"""Call-note PDFs, daily reports and their delivery."""
