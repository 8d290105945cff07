CREATE TABLE "catalogue_nodes" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"parent_id" uuid,
	"path" uuid[] NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "catalogue_nodes_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "gazette_articles" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"issue_id" uuid NOT NULL,
	"record_id" uuid,
	"title" text NOT NULL,
	"section" text,
	"sort_order" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "gazette_articles_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "gazette_issues" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"year" integer NOT NULL,
	"number" integer NOT NULL,
	"total_number" integer,
	"title" text NOT NULL,
	"published_on" date,
	"pdf_blob_key" text,
	"pdf_size" bigint,
	"is_back_issue" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "gazette_issues_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "import_batches" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"status" text NOT NULL,
	"file_name" text NOT NULL,
	"rows" integer NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "import_batches_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "index_counters" (
	"tenant_id" uuid NOT NULL,
	"scope" text NOT NULL,
	"last_seq" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "index_counters_tenant_id_scope_pk" PRIMARY KEY("tenant_id","scope")
);
--> statement-breakpoint
CREATE TABLE "record_attachments" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"record_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"kind" text NOT NULL,
	"mime" text NOT NULL,
	"size" bigint NOT NULL,
	"blob_key" text NOT NULL,
	"sha256" text NOT NULL,
	"text" text DEFAULT '' NOT NULL,
	"extract_warning" text,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "record_attachments_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "record_events" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"record_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"actor_label" text NOT NULL,
	"event" text NOT NULL,
	"from_state" text,
	"to_state" text,
	"comment" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "record_events_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "records" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"issuer" text NOT NULL,
	"title" text NOT NULL,
	"body_html" text DEFAULT '' NOT NULL,
	"body_text" text DEFAULT '' NOT NULL,
	"summary" text,
	"doc_no" text,
	"doc_no_issuer" text,
	"doc_no_year" integer,
	"doc_no_seq" integer,
	"index_no" text NOT NULL,
	"genre" text NOT NULL,
	"topics" text[] DEFAULT '{}'::text[] NOT NULL,
	"keywords" text[] DEFAULT '{}'::text[] NOT NULL,
	"catalogue_node_id" uuid,
	"standard_item_id" uuid,
	"written_on" date,
	"formed_on" date NOT NULL,
	"due_on" date,
	"due_explanation" text,
	"published_at" timestamp with time zone,
	"scheduled_at" timestamp with time zone,
	"working_days_late" integer,
	"attribute" text,
	"attribute_ground" text,
	"attribute_reason" text,
	"attribute_review_on" date,
	"state" text DEFAULT 'draft' NOT NULL,
	"last_comment" text,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_note" text,
	"supersedes_id" uuid,
	"superseded_by_id" uuid,
	"validity" text,
	"effective_on" date,
	"expires_on" date,
	"validity_changed_on" date,
	"amended_by_id" uuid,
	"needs_interpretation" boolean DEFAULT false NOT NULL,
	"personal_fields" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"guard_override" jsonb,
	"import_batch_id" uuid,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "records_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "catalogue_domains" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "catalogue_domains_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "catalogue_items" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"domain_id" uuid NOT NULL,
	"seq" integer DEFAULT 0 NOT NULL,
	"level1" text NOT NULL,
	"level2" text DEFAULT '' NOT NULL,
	"content" text DEFAULT '' NOT NULL,
	"basis" text DEFAULT '' NOT NULL,
	"time_limit_text" text DEFAULT '' NOT NULL,
	"time_limit_rule" jsonb NOT NULL,
	"responsible_text" text DEFAULT '' NOT NULL,
	"responsible_unit_ids" uuid[] NOT NULL,
	"channels" text[] NOT NULL,
	"audience_public" boolean DEFAULT true NOT NULL,
	"audience_specific" boolean DEFAULT false NOT NULL,
	"mode_proactive" boolean DEFAULT true NOT NULL,
	"mode_request" boolean DEFAULT false NOT NULL,
	"level_county" boolean DEFAULT true NOT NULL,
	"level_township" boolean DEFAULT false NOT NULL,
	"catalogue_node_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "catalogue_items_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "obligations" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"period_key" text NOT NULL,
	"label" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"due_on" date NOT NULL,
	"due_explanation" text NOT NULL,
	"record_id" uuid,
	"fulfilled_at" timestamp with time zone,
	"working_days_late" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "obligations_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"link" text,
	"entity_id" uuid,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notifications_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "record_search" (
	"tenant_id" uuid NOT NULL,
	"record_id" uuid NOT NULL,
	"vector" "tsvector" NOT NULL,
	"record_version" integer NOT NULL,
	"indexed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "record_search_tenant_id_record_id_pk" PRIMARY KEY("tenant_id","record_id")
);
--> statement-breakpoint
ALTER TABLE "catalogue_nodes" ADD CONSTRAINT "catalogue_nodes_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalogue_nodes" ADD CONSTRAINT "catalogue_nodes_parent_fk" FOREIGN KEY ("tenant_id","parent_id") REFERENCES "public"."catalogue_nodes"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gazette_articles" ADD CONSTRAINT "gazette_articles_issue_fk" FOREIGN KEY ("tenant_id","issue_id") REFERENCES "public"."gazette_issues"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gazette_articles" ADD CONSTRAINT "gazette_articles_record_fk" FOREIGN KEY ("tenant_id","record_id") REFERENCES "public"."records"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gazette_issues" ADD CONSTRAINT "gazette_issues_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_batches" ADD CONSTRAINT "import_batches_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "index_counters" ADD CONSTRAINT "index_counters_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_attachments" ADD CONSTRAINT "record_attachments_record_fk" FOREIGN KEY ("tenant_id","record_id") REFERENCES "public"."records"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_events" ADD CONSTRAINT "record_events_record_fk" FOREIGN KEY ("tenant_id","record_id") REFERENCES "public"."records"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "records" ADD CONSTRAINT "records_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "records" ADD CONSTRAINT "records_unit_fk" FOREIGN KEY ("tenant_id","unit_id") REFERENCES "public"."units"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "records" ADD CONSTRAINT "records_catalogue_fk" FOREIGN KEY ("tenant_id","catalogue_node_id") REFERENCES "public"."catalogue_nodes"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "records" ADD CONSTRAINT "records_supersedes_fk" FOREIGN KEY ("tenant_id","supersedes_id") REFERENCES "public"."records"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "records" ADD CONSTRAINT "records_superseded_by_fk" FOREIGN KEY ("tenant_id","superseded_by_id") REFERENCES "public"."records"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "records" ADD CONSTRAINT "records_amended_by_fk" FOREIGN KEY ("tenant_id","amended_by_id") REFERENCES "public"."records"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalogue_domains" ADD CONSTRAINT "catalogue_domains_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalogue_items" ADD CONSTRAINT "catalogue_items_domain_fk" FOREIGN KEY ("tenant_id","domain_id") REFERENCES "public"."catalogue_domains"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalogue_items" ADD CONSTRAINT "catalogue_items_node_fk" FOREIGN KEY ("tenant_id","catalogue_node_id") REFERENCES "public"."catalogue_nodes"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "obligations" ADD CONSTRAINT "obligations_item_fk" FOREIGN KEY ("tenant_id","item_id") REFERENCES "public"."catalogue_items"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "obligations" ADD CONSTRAINT "obligations_unit_fk" FOREIGN KEY ("tenant_id","unit_id") REFERENCES "public"."units"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "obligations" ADD CONSTRAINT "obligations_record_fk" FOREIGN KEY ("tenant_id","record_id") REFERENCES "public"."records"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_unit_fk" FOREIGN KEY ("tenant_id","unit_id") REFERENCES "public"."units"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_search" ADD CONSTRAINT "record_search_record_fk" FOREIGN KEY ("tenant_id","record_id") REFERENCES "public"."records"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "catalogue_nodes_code_uq" ON "catalogue_nodes" USING btree ("tenant_id","code");--> statement-breakpoint
CREATE INDEX "gazette_articles_issue_idx" ON "gazette_articles" USING btree ("tenant_id","issue_id");--> statement-breakpoint
CREATE UNIQUE INDEX "gazette_issues_number_uq" ON "gazette_issues" USING btree ("tenant_id","year","number");--> statement-breakpoint
CREATE INDEX "record_attachments_record_idx" ON "record_attachments" USING btree ("tenant_id","record_id");--> statement-breakpoint
CREATE INDEX "record_events_record_idx" ON "record_events" USING btree ("tenant_id","record_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "records_index_no_uq" ON "records" USING btree ("tenant_id","index_no");--> statement-breakpoint
CREATE UNIQUE INDEX "records_doc_no_uq" ON "records" USING btree ("tenant_id","doc_no_issuer","doc_no_year","doc_no_seq") WHERE doc_no IS NOT NULL;--> statement-breakpoint
CREATE INDEX "records_unit_state_idx" ON "records" USING btree ("tenant_id","unit_id","state");--> statement-breakpoint
CREATE INDEX "records_published_idx" ON "records" USING btree ("tenant_id","state","published_at");--> statement-breakpoint
CREATE INDEX "records_catalogue_idx" ON "records" USING btree ("tenant_id","catalogue_node_id");--> statement-breakpoint
CREATE INDEX "records_review_idx" ON "records" USING btree ("tenant_id","attribute_review_on") WHERE attribute IN ('on_request', 'withheld');--> statement-breakpoint
CREATE INDEX "records_due_idx" ON "records" USING btree ("tenant_id","due_on") WHERE state NOT IN ('published', 'superseded', 'withdrawn');--> statement-breakpoint
CREATE UNIQUE INDEX "catalogue_domains_code_uq" ON "catalogue_domains" USING btree ("tenant_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "catalogue_domains_name_uq" ON "catalogue_domains" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE INDEX "catalogue_items_domain_idx" ON "catalogue_items" USING btree ("tenant_id","domain_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "obligations_period_uq" ON "obligations" USING btree ("tenant_id","item_id","unit_id","period_key");--> statement-breakpoint
CREATE INDEX "obligations_unit_idx" ON "obligations" USING btree ("tenant_id","unit_id","due_on");--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_dedupe_uq" ON "notifications" USING btree ("tenant_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "notifications_unit_idx" ON "notifications" USING btree ("tenant_id","unit_id","created_at");--> statement-breakpoint
CREATE INDEX "record_search_vector_idx" ON "record_search" USING gin ("vector");