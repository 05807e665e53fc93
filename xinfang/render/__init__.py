"""What people and machines see: Rich tables and panels for a terminal, plain text,
Markdown, CSV and JSON for cron mail and programs. Renderers format; they never decide."""
