-- Entries written before this migration lack the publication-month lexemes (~p:YYYY-MM) that a search with
-- many matches uses to read only the newest months (modules/search/service.ts). They are marked as of
-- shape 1; the search sweep rebuilds them (indexer.ts INDEX_FORMAT), and until a tenant has none left its
-- searches order every match, as before.
ALTER TABLE "record_search" ADD COLUMN "index_format" integer DEFAULT 1 NOT NULL;
