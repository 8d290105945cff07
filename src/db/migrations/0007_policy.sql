CREATE TABLE "policy_benefits" (
	"tenant_id" uuid NOT NULL,
	"record_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"audiences" text[] NOT NULL,
	"areas" text[] DEFAULT '{}'::text[] NOT NULL,
	"groups" text[] DEFAULT '{}'::text[] NOT NULL,
	"industries" text[] DEFAULT '{}'::text[] NOT NULL,
	"sizes" text[] DEFAULT '{}'::text[] NOT NULL,
	"topics" text[] NOT NULL,
	"age_min" integer,
	"age_max" integer,
	"local_hukou_only" boolean DEFAULT false NOT NULL,
	"conditions" text DEFAULT '' NOT NULL,
	"materials" text[] DEFAULT '{}'::text[] NOT NULL,
	"process" text DEFAULT '' NOT NULL,
	"contact" text DEFAULT '' NOT NULL,
	"starts_on" date,
	"ends_on" date,
	"notified_at" timestamp with time zone,
	"notified_count" integer,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "policy_benefits_tenant_id_record_id_pk" PRIMARY KEY("tenant_id","record_id")
);
--> statement-breakpoint
CREATE TABLE "policy_inbox" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"subscriber_id" uuid NOT NULL,
	"record_id" uuid NOT NULL,
	"reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "policy_inbox_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "policy_outbox" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"subscriber_id" uuid,
	"record_id" uuid,
	"to_address" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"secret" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "policy_outbox_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "policy_qa_entries" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"question" text NOT NULL,
	"answer" text NOT NULL,
	"record_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"published" boolean DEFAULT true NOT NULL,
	"source_question_id" uuid,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "policy_qa_entries_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "policy_questions" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"question" text NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"entry_id" uuid,
	"note" text,
	"handled_by" uuid,
	"handled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "policy_questions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "policy_subscribers" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"area" text,
	"groups" text[] DEFAULT '{}'::text[] NOT NULL,
	"industry" text,
	"size" text,
	"interests" text[] DEFAULT '{}'::text[] NOT NULL,
	"birth_year" integer,
	"local_hukou" boolean DEFAULT false NOT NULL,
	"email" text,
	"email_confirmed_at" timestamp with time zone,
	"confirm_hash" text,
	"token_hash" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"site_url" text NOT NULL,
	"cancelled_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "policy_subscribers_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "policy_benefits" ADD CONSTRAINT "policy_benefits_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_benefits" ADD CONSTRAINT "policy_benefits_record_fk" FOREIGN KEY ("tenant_id","record_id") REFERENCES "public"."records"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_benefits" ADD CONSTRAINT "policy_benefits_unit_fk" FOREIGN KEY ("tenant_id","unit_id") REFERENCES "public"."units"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_inbox" ADD CONSTRAINT "policy_inbox_subscriber_fk" FOREIGN KEY ("tenant_id","subscriber_id") REFERENCES "public"."policy_subscribers"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_inbox" ADD CONSTRAINT "policy_inbox_record_fk" FOREIGN KEY ("tenant_id","record_id") REFERENCES "public"."records"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_outbox" ADD CONSTRAINT "policy_outbox_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_qa_entries" ADD CONSTRAINT "policy_qa_entries_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_qa_entries" ADD CONSTRAINT "policy_qa_entries_unit_fk" FOREIGN KEY ("tenant_id","unit_id") REFERENCES "public"."units"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_questions" ADD CONSTRAINT "policy_questions_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_questions" ADD CONSTRAINT "policy_questions_unit_fk" FOREIGN KEY ("tenant_id","unit_id") REFERENCES "public"."units"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_subscribers" ADD CONSTRAINT "policy_subscribers_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "policy_benefits_pending_idx" ON "policy_benefits" USING btree ("tenant_id") WHERE notified_at IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "policy_inbox_uq" ON "policy_inbox" USING btree ("tenant_id","subscriber_id","record_id");--> statement-breakpoint
CREATE INDEX "policy_inbox_record_idx" ON "policy_inbox" USING btree ("tenant_id","record_id");--> statement-breakpoint
CREATE UNIQUE INDEX "policy_outbox_dedupe_uq" ON "policy_outbox" USING btree ("tenant_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "policy_outbox_pending_idx" ON "policy_outbox" USING btree ("next_attempt_at") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "policy_outbox_subscriber_idx" ON "policy_outbox" USING btree ("tenant_id","subscriber_id");--> statement-breakpoint
CREATE INDEX "policy_qa_entries_unit_idx" ON "policy_qa_entries" USING btree ("tenant_id","unit_id");--> statement-breakpoint
CREATE INDEX "policy_questions_state_idx" ON "policy_questions" USING btree ("tenant_id","state","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "policy_subscribers_token_uq" ON "policy_subscribers" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "policy_subscribers_confirm_uq" ON "policy_subscribers" USING btree ("confirm_hash");--> statement-breakpoint
CREATE INDEX "policy_subscribers_status_idx" ON "policy_subscribers" USING btree ("tenant_id","status");--> statement-breakpoint
CREATE INDEX "policy_subscribers_email_idx" ON "policy_subscribers" USING btree ("tenant_id","email");