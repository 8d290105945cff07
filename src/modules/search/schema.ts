// The full-text index of published records: Chinese text segmented in-process (jieba) and stored as a
// tsvector with the 'simple' configuration, so the embedded and any external PostgreSQL index it alike.
//
// Beside the vector, each entry carries what a search needs of every match: the sort keys (state, date),
// the facet values (genre, year) and the title's lexemes. A search reads them from the heap tuple that
// the GIN index leads to anyway, so that counting, ordering and faceting thousands of matches is one
// pass over record_search, never a join to records nor a second look-up in the GIN index.
//
// The table is hash-partitioned by record_id into 8 partitions, each with its own GIN index (migration
// 0003_search_perf; drizzle does not describe partitioning). The first partition holds an eighth of every
// tenant's records, chosen by hash: a search counts its matches there first, and estimates the total
// from it when they are many (service.ts). Queries see one table.
import { customType, foreignKey, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { tenantId, ts } from '../../db/columns.ts';
import { records } from '../publishing/schema.ts';

export const tsvector = customType<{ data: string; driverData: string }>({
  dataType: () => 'tsvector',
});

export const recordSearch = pgTable(
  'record_search',
  {
    tenantId: tenantId(),
    recordId: uuid('record_id').notNull(),
    /** Title and numbers weighted A, body B, attachment text C. */
    vector: tsvector('vector').notNull(),
    /**
     * The lexemes of the title and 文号 alone, without positions (the same as the vector's §-prefixed
     * ones): small enough to stay in the heap tuple, so that testing "every term in the title" on each
     * match costs no de-TOASTing.
     */
    titleVector: tsvector('title_vector').notNull(),
    /** The record's state, publication time, genre and year (written, else formed) when it was indexed. */
    state: text('state').notNull(),
    publishedAt: ts('published_at'),
    genre: text('genre').notNull(),
    year: integer('year'),
    /** The record version indexed: a newer record version means the entry is stale. */
    recordVersion: integer('record_version').notNull(),
    /** The shape of the entry (indexer.ts INDEX_FORMAT): an older one is rebuilt by the sweep. */
    indexFormat: integer('index_format').notNull().default(1),
    indexedAt: ts('indexed_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.recordId] }),
    foreignKey({ columns: [t.tenantId, t.recordId], foreignColumns: [records.tenantId, records.id], name: 'record_search_record_fk' }).onDelete('cascade'),
    index('record_search_vector_idx').using('gin', t.vector),
  ],
);
