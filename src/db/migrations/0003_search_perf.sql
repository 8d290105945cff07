-- record_search is rebuilt with its new columns rather than updated in place: an UPDATE of every entry
-- would leave the table and its GIN index twice their size until a VACUUM FULL. The entries get the new
-- columns from their records, and their title lexemes from their own vector (its §-prefixed lexemes are
-- exactly those), so nothing has to be segmented again.
--
-- The new table is split by record into 8 hash partitions, each with its GIN index. A GIN index gives all
-- its matches at once (a bitmap), however few are wanted; a search stops counting at 10,001 matches, so for
-- a query that matches a large share of the records, the partitions after those that gave 10,001 matches
-- are never read. Searches by record go to one partition; everything else sees one table.
CREATE TABLE "record_search_new" (
	"tenant_id" uuid NOT NULL,
	"record_id" uuid NOT NULL,
	"vector" "tsvector" NOT NULL,
	"title_vector" "tsvector" NOT NULL,
	"state" text NOT NULL,
	"published_at" timestamp with time zone,
	"genre" text NOT NULL,
	"year" integer,
	"record_version" integer NOT NULL,
	"indexed_at" timestamp with time zone DEFAULT now() NOT NULL
) PARTITION BY HASH ("record_id");
--> statement-breakpoint
CREATE TABLE "record_search_p0" PARTITION OF "record_search_new" FOR VALUES WITH (MODULUS 8, REMAINDER 0);--> statement-breakpoint
CREATE TABLE "record_search_p1" PARTITION OF "record_search_new" FOR VALUES WITH (MODULUS 8, REMAINDER 1);--> statement-breakpoint
CREATE TABLE "record_search_p2" PARTITION OF "record_search_new" FOR VALUES WITH (MODULUS 8, REMAINDER 2);--> statement-breakpoint
CREATE TABLE "record_search_p3" PARTITION OF "record_search_new" FOR VALUES WITH (MODULUS 8, REMAINDER 3);--> statement-breakpoint
CREATE TABLE "record_search_p4" PARTITION OF "record_search_new" FOR VALUES WITH (MODULUS 8, REMAINDER 4);--> statement-breakpoint
CREATE TABLE "record_search_p5" PARTITION OF "record_search_new" FOR VALUES WITH (MODULUS 8, REMAINDER 5);--> statement-breakpoint
CREATE TABLE "record_search_p6" PARTITION OF "record_search_new" FOR VALUES WITH (MODULUS 8, REMAINDER 6);--> statement-breakpoint
CREATE TABLE "record_search_p7" PARTITION OF "record_search_new" FOR VALUES WITH (MODULUS 8, REMAINDER 7);--> statement-breakpoint
INSERT INTO "record_search_new" ("tenant_id", "record_id", "vector", "title_vector", "state", "published_at", "genre", "year", "record_version", "indexed_at")
SELECT s."tenant_id", s."record_id", s."vector",
       coalesce((SELECT array_to_tsvector(array_agg(substr(l.lexeme, 2))) FROM unnest(s."vector") l WHERE l.lexeme LIKE '§%'), ''::tsvector),
       r."state", r."published_at", r."genre", extract(year from coalesce(r."written_on", r."formed_on"))::int,
       s."record_version", s."indexed_at"
  FROM "record_search" s
  JOIN "records" r ON r."tenant_id" = s."tenant_id" AND r."id" = s."record_id"
 ORDER BY s."tenant_id", s."record_id";--> statement-breakpoint
DROP TABLE "record_search";--> statement-breakpoint
ALTER TABLE "record_search_new" RENAME TO "record_search";--> statement-breakpoint
ALTER TABLE "record_search" ADD CONSTRAINT "record_search_tenant_id_record_id_pk" PRIMARY KEY("tenant_id","record_id");--> statement-breakpoint
ALTER TABLE "record_search" ADD CONSTRAINT "record_search_record_fk" FOREIGN KEY ("tenant_id","record_id") REFERENCES "public"."records"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Each partition's index named after the table's, so that plans show which index they use.
CREATE INDEX "record_search_vector_idx_p0" ON "record_search_p0" USING gin ("vector");--> statement-breakpoint
CREATE INDEX "record_search_vector_idx_p1" ON "record_search_p1" USING gin ("vector");--> statement-breakpoint
CREATE INDEX "record_search_vector_idx_p2" ON "record_search_p2" USING gin ("vector");--> statement-breakpoint
CREATE INDEX "record_search_vector_idx_p3" ON "record_search_p3" USING gin ("vector");--> statement-breakpoint
CREATE INDEX "record_search_vector_idx_p4" ON "record_search_p4" USING gin ("vector");--> statement-breakpoint
CREATE INDEX "record_search_vector_idx_p5" ON "record_search_p5" USING gin ("vector");--> statement-breakpoint
CREATE INDEX "record_search_vector_idx_p6" ON "record_search_p6" USING gin ("vector");--> statement-breakpoint
CREATE INDEX "record_search_vector_idx_p7" ON "record_search_p7" USING gin ("vector");--> statement-breakpoint
CREATE INDEX "record_search_vector_idx" ON "record_search" USING gin ("vector");--> statement-breakpoint
ANALYZE "record_search";
