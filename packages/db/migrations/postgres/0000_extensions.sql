-- Trigram matching for message search: the GIN index on messages.body (next migration) uses
-- its operator class. pg_trgm ships with PostgreSQL and is a trusted extension (13+), so the
-- database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
