CREATE TABLE "task_assignments" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"task_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"role" text NOT NULL,
	"name_as_written" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "task_assignments_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "task_bonuses" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"points" numeric(6, 2) NOT NULL,
	"reason" text NOT NULL,
	"created_by" uuid,
	"created_by_label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "task_bonuses_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "task_circulars" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"title" text NOT NULL,
	"doc_no" text,
	"issued_on" date NOT NULL,
	"as_of" date NOT NULL,
	"late_unit_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"good_unit_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"text" text NOT NULL,
	"file_name" text NOT NULL,
	"blob_key" text NOT NULL,
	"size" bigint NOT NULL,
	"created_by" uuid,
	"created_by_label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "task_circulars_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "task_evidence" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"period_id" uuid NOT NULL,
	"assignment_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"record_id" uuid,
	"file_name" text,
	"mime" text,
	"size" bigint,
	"blob_key" text,
	"sha256" text,
	"automatic" boolean DEFAULT false NOT NULL,
	"pending_publication" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_by_label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "task_evidence_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "task_imports" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"file_name" text NOT NULL,
	"sha256" text NOT NULL,
	"blob_key" text,
	"title" text NOT NULL,
	"year" integer,
	"layout" text,
	"warnings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"tasks" jsonb NOT NULL,
	"mappings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"plan_id" uuid,
	"created_by" uuid,
	"created_by_label" text NOT NULL,
	"confirmed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "task_imports_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "task_ledger_rows" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"assignment_id" uuid,
	"sort_order" integer NOT NULL,
	"task" text NOT NULL,
	"measure" text DEFAULT '' NOT NULL,
	"time_limit" text DEFAULT '' NOT NULL,
	"leader" text DEFAULT '' NOT NULL,
	"section" text DEFAULT '' NOT NULL,
	"updated_by" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "task_ledger_rows_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "task_periods" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"assignment_id" uuid NOT NULL,
	"task_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"period_key" text NOT NULL,
	"label" text NOT NULL,
	"due_on" date NOT NULL,
	"explanation" text NOT NULL,
	"assumed" boolean DEFAULT false NOT NULL,
	"state" text DEFAULT 'not_started' NOT NULL,
	"done_on" date,
	"late_days" integer DEFAULT 0 NOT NULL,
	"last_report_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "task_periods_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "task_plans" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"year" integer NOT NULL,
	"title" text NOT NULL,
	"source_file_name" text,
	"source_blob_key" text,
	"import_id" uuid,
	"status" text DEFAULT 'active' NOT NULL,
	"scheme" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"looked_back_at" timestamp with time zone,
	"looked_back_by" text,
	"carried_to_plan_id" uuid,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "task_plans_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "task_progress" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"period_id" uuid NOT NULL,
	"assignment_id" uuid NOT NULL,
	"state" text NOT NULL,
	"text" text NOT NULL,
	"automatic" boolean DEFAULT false NOT NULL,
	"reported_on" date NOT NULL,
	"actor_id" uuid,
	"actor_label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "task_progress_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "task_urges" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"task_id" uuid,
	"unit_id" uuid NOT NULL,
	"message" text NOT NULL,
	"sent_on" date NOT NULL,
	"reply_by" date NOT NULL,
	"sent_by" uuid,
	"sent_by_label" text NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_on" date,
	"acknowledged_by_label" text,
	"response" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "task_urges_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"category" text,
	"requirement" text NOT NULL,
	"deadline_text" text,
	"deadline_description" text NOT NULL,
	"deadline_rules" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"needs_review" boolean DEFAULT false NOT NULL,
	"review_note" text,
	"units_text" text DEFAULT '' NOT NULL,
	"catalogue_node_id" uuid,
	"weight" numeric(6, 2) DEFAULT 1 NOT NULL,
	"carried_from_task_id" uuid,
	"source" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tasks_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "task_assignments" ADD CONSTRAINT "task_assignments_task_fk" FOREIGN KEY ("tenant_id","task_id") REFERENCES "public"."tasks"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_assignments" ADD CONSTRAINT "task_assignments_unit_fk" FOREIGN KEY ("tenant_id","unit_id") REFERENCES "public"."units"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_bonuses" ADD CONSTRAINT "task_bonuses_plan_fk" FOREIGN KEY ("tenant_id","plan_id") REFERENCES "public"."task_plans"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_bonuses" ADD CONSTRAINT "task_bonuses_unit_fk" FOREIGN KEY ("tenant_id","unit_id") REFERENCES "public"."units"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_circulars" ADD CONSTRAINT "task_circulars_plan_fk" FOREIGN KEY ("tenant_id","plan_id") REFERENCES "public"."task_plans"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_evidence" ADD CONSTRAINT "task_evidence_period_fk" FOREIGN KEY ("tenant_id","period_id") REFERENCES "public"."task_periods"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_imports" ADD CONSTRAINT "task_imports_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_ledger_rows" ADD CONSTRAINT "task_ledger_rows_plan_fk" FOREIGN KEY ("tenant_id","plan_id") REFERENCES "public"."task_plans"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_ledger_rows" ADD CONSTRAINT "task_ledger_rows_unit_fk" FOREIGN KEY ("tenant_id","unit_id") REFERENCES "public"."units"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_periods" ADD CONSTRAINT "task_periods_assignment_fk" FOREIGN KEY ("tenant_id","assignment_id") REFERENCES "public"."task_assignments"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_plans" ADD CONSTRAINT "task_plans_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_progress" ADD CONSTRAINT "task_progress_period_fk" FOREIGN KEY ("tenant_id","period_id") REFERENCES "public"."task_periods"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_urges" ADD CONSTRAINT "task_urges_plan_fk" FOREIGN KEY ("tenant_id","plan_id") REFERENCES "public"."task_plans"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_urges" ADD CONSTRAINT "task_urges_unit_fk" FOREIGN KEY ("tenant_id","unit_id") REFERENCES "public"."units"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_plan_fk" FOREIGN KEY ("tenant_id","plan_id") REFERENCES "public"."task_plans"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "task_assignments_uq" ON "task_assignments" USING btree ("tenant_id","task_id","unit_id");--> statement-breakpoint
CREATE INDEX "task_assignments_unit_idx" ON "task_assignments" USING btree ("tenant_id","unit_id","plan_id");--> statement-breakpoint
CREATE INDEX "task_assignments_plan_idx" ON "task_assignments" USING btree ("tenant_id","plan_id");--> statement-breakpoint
CREATE INDEX "task_bonuses_plan_idx" ON "task_bonuses" USING btree ("tenant_id","plan_id");--> statement-breakpoint
CREATE INDEX "task_evidence_period_idx" ON "task_evidence" USING btree ("tenant_id","period_id");--> statement-breakpoint
CREATE UNIQUE INDEX "task_evidence_record_uq" ON "task_evidence" USING btree ("tenant_id","assignment_id","record_id") WHERE record_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "task_imports_status_idx" ON "task_imports" USING btree ("tenant_id","status","created_at");--> statement-breakpoint
CREATE INDEX "task_ledger_rows_unit_idx" ON "task_ledger_rows" USING btree ("tenant_id","plan_id","unit_id","sort_order");--> statement-breakpoint
CREATE UNIQUE INDEX "task_periods_uq" ON "task_periods" USING btree ("tenant_id","assignment_id","period_key");--> statement-breakpoint
CREATE INDEX "task_periods_due_idx" ON "task_periods" USING btree ("tenant_id","state","due_on");--> statement-breakpoint
CREATE INDEX "task_periods_plan_idx" ON "task_periods" USING btree ("tenant_id","plan_id","unit_id");--> statement-breakpoint
CREATE INDEX "task_plans_year_idx" ON "task_plans" USING btree ("tenant_id","year");--> statement-breakpoint
CREATE INDEX "task_progress_period_idx" ON "task_progress" USING btree ("tenant_id","period_id","created_at");--> statement-breakpoint
CREATE INDEX "task_urges_unit_idx" ON "task_urges" USING btree ("tenant_id","unit_id","acknowledged_at");--> statement-breakpoint
CREATE INDEX "task_urges_plan_idx" ON "task_urges" USING btree ("tenant_id","plan_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tasks_seq_uq" ON "tasks" USING btree ("tenant_id","plan_id","seq");