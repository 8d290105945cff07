CREATE TABLE "deputy_proposals" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"session" text NOT NULL,
	"number" text NOT NULL,
	"title" text NOT NULL,
	"proposers" jsonb NOT NULL,
	"content" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"co_unit_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"assigned_on" date,
	"due_on" date,
	"due_explanation" text,
	"state" text DEFAULT 'registered' NOT NULL,
	"reply" text,
	"result" text,
	"disclosure" text,
	"disclosure_reason" text,
	"summary" text,
	"replied_on" date,
	"replied_by" uuid,
	"days_late" integer,
	"published" boolean DEFAULT false NOT NULL,
	"published_at" timestamp with time zone,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deputy_proposals_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "engagement_events" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"place" text DEFAULT '' NOT NULL,
	"speakers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"summary" text,
	"transcript_html" text DEFAULT '' NOT NULL,
	"video_url" text,
	"interpretation_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"capacity" integer,
	"registration_closes_at" timestamp with time zone,
	"state" text DEFAULT 'draft' NOT NULL,
	"published_at" timestamp with time zone,
	"held_on" date,
	"cancel_reason" text,
	"opinions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"opinions_due_on" date,
	"opinions_due_explanation" text,
	"opinions_published_on" date,
	"opinions_working_days_late" integer,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "engagement_events_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "event_registrations" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"name" text NOT NULL,
	"phone" text NOT NULL,
	"organisation" text,
	"reason" text NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"decision_note" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "event_registrations_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "deputy_proposals" ADD CONSTRAINT "deputy_proposals_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deputy_proposals" ADD CONSTRAINT "deputy_proposals_unit_fk" FOREIGN KEY ("tenant_id","unit_id") REFERENCES "public"."units"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_events" ADD CONSTRAINT "engagement_events_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_events" ADD CONSTRAINT "engagement_events_unit_fk" FOREIGN KEY ("tenant_id","unit_id") REFERENCES "public"."units"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_registrations" ADD CONSTRAINT "event_registrations_event_fk" FOREIGN KEY ("tenant_id","event_id") REFERENCES "public"."engagement_events"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "deputy_proposals_number_uq" ON "deputy_proposals" USING btree ("tenant_id","kind","session","number");--> statement-breakpoint
CREATE INDEX "deputy_proposals_unit_state_idx" ON "deputy_proposals" USING btree ("tenant_id","unit_id","state");--> statement-breakpoint
CREATE INDEX "engagement_events_state_idx" ON "engagement_events" USING btree ("tenant_id","state","starts_at");--> statement-breakpoint
CREATE INDEX "event_registrations_idx" ON "event_registrations" USING btree ("tenant_id","event_id","state");