CREATE TABLE "interpretations" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"record_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"form" text NOT NULL,
	"title" text NOT NULL,
	"body_html" text DEFAULT '' NOT NULL,
	"body_text" text DEFAULT '' NOT NULL,
	"media_url" text,
	"speaker" text,
	"state" text DEFAULT 'draft' NOT NULL,
	"checklist" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"due_on" date,
	"due_explanation" text,
	"published_at" timestamp with time zone,
	"working_days_late" integer,
	"withdrawn_note" text,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "interpretations_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "interpretations" ADD CONSTRAINT "interpretations_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interpretations" ADD CONSTRAINT "interpretations_record_fk" FOREIGN KEY ("tenant_id","record_id") REFERENCES "public"."records"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interpretations" ADD CONSTRAINT "interpretations_unit_fk" FOREIGN KEY ("tenant_id","unit_id") REFERENCES "public"."units"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "interpretations_record_idx" ON "interpretations" USING btree ("tenant_id","record_id");--> statement-breakpoint
CREATE INDEX "interpretations_state_idx" ON "interpretations" USING btree ("tenant_id","state","published_at");