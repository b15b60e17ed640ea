"""The answering office: several seats, operators and their figures."""
