CREATE TABLE "disclosure_requests" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"query_code_hash" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"handler_id" uuid,
	"state" text NOT NULL,
	"channel" text NOT NULL,
	"arrived_on" date NOT NULL,
	"confirmed_on" date,
	"received_on" date,
	"receipt_rule" text,
	"applicant_type" text NOT NULL,
	"applicant_name" text NOT NULL,
	"applicant_id_type" text NOT NULL,
	"applicant_id_number" text NOT NULL,
	"applicant_key" text NOT NULL,
	"contact_person" text,
	"phone" text,
	"email" text,
	"address" text,
	"postcode" text,
	"info_title" text,
	"info_doc_no" text,
	"description" text NOT NULL,
	"info_form" text NOT NULL,
	"delivery" text NOT NULL,
	"correction_requested_on" date,
	"correction_due_on" date,
	"correction_text" text,
	"corrected_on" date,
	"extension_days" integer DEFAULT 0 NOT NULL,
	"extension_approver" text,
	"extension_reason" text,
	"extended_on" date,
	"due_on" date,
	"due_explanation" text,
	"fee_basis" text,
	"fee_amount" numeric(12, 2),
	"fee_explanation" text,
	"fee_notice_on" date,
	"fee_due_on" date,
	"fee_paid_on" date,
	"result" text,
	"result_on" date,
	"reply_text" text,
	"refer_organ" text,
	"replied_on" date,
	"working_days_used" integer,
	"working_days_late" integer,
	"delivered_on" date,
	"delivery_note" text,
	"possible_repeat_of" uuid[] DEFAULT '{}' NOT NULL,
	"excessive_volume" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "disclosure_requests_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "request_appeals" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"path" text NOT NULL,
	"organ" text,
	"case_no" text,
	"filed_on" date NOT NULL,
	"outcome" text DEFAULT 'pending' NOT NULL,
	"decided_on" date,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "request_appeals_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "request_assists" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"asked_on" date NOT NULL,
	"due_on" date NOT NULL,
	"due_explanation" text,
	"question" text NOT NULL,
	"answer" text,
	"answered_on" date,
	"answered_by" uuid,
	"answered_by_label" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "request_assists_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "request_counters" (
	"tenant_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"seq" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "request_counters_tenant_id_year_pk" PRIMARY KEY("tenant_id","year")
);
--> statement-breakpoint
CREATE TABLE "request_documents" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"mime" text NOT NULL,
	"size" bigint NOT NULL,
	"blob_key" text NOT NULL,
	"sha256" text NOT NULL,
	"for_applicant" boolean DEFAULT false NOT NULL,
	"record_id" uuid,
	"event_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "request_documents_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "request_events" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"on" date NOT NULL,
	"actor_id" uuid,
	"actor_label" text NOT NULL,
	"event" text NOT NULL,
	"from_state" text,
	"to_state" text,
	"comment" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "request_events_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "request_letter_templates" (
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "request_letter_templates_tenant_id_kind_pk" PRIMARY KEY("tenant_id","kind")
);
--> statement-breakpoint
CREATE TABLE "request_pauses" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"party" text,
	"from_on" date NOT NULL,
	"to_on" date,
	"party_due_on" date,
	"outcome" text,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "request_pauses_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "request_records" (
	"tenant_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"record_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "request_records_tenant_id_request_id_record_id_pk" PRIMARY KEY("tenant_id","request_id","record_id")
);
--> statement-breakpoint
ALTER TABLE "disclosure_requests" ADD CONSTRAINT "disclosure_requests_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosure_requests" ADD CONSTRAINT "disclosure_requests_unit_fk" FOREIGN KEY ("tenant_id","unit_id") REFERENCES "public"."units"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_appeals" ADD CONSTRAINT "request_appeals_request_fk" FOREIGN KEY ("tenant_id","request_id") REFERENCES "public"."disclosure_requests"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_assists" ADD CONSTRAINT "request_assists_request_fk" FOREIGN KEY ("tenant_id","request_id") REFERENCES "public"."disclosure_requests"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_assists" ADD CONSTRAINT "request_assists_unit_fk" FOREIGN KEY ("tenant_id","unit_id") REFERENCES "public"."units"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_counters" ADD CONSTRAINT "request_counters_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_documents" ADD CONSTRAINT "request_documents_request_fk" FOREIGN KEY ("tenant_id","request_id") REFERENCES "public"."disclosure_requests"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_events" ADD CONSTRAINT "request_events_request_fk" FOREIGN KEY ("tenant_id","request_id") REFERENCES "public"."disclosure_requests"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_letter_templates" ADD CONSTRAINT "request_letter_templates_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_pauses" ADD CONSTRAINT "request_pauses_request_fk" FOREIGN KEY ("tenant_id","request_id") REFERENCES "public"."disclosure_requests"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_records" ADD CONSTRAINT "request_records_request_fk" FOREIGN KEY ("tenant_id","request_id") REFERENCES "public"."disclosure_requests"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "disclosure_requests_number_uq" ON "disclosure_requests" USING btree ("tenant_id","number");--> statement-breakpoint
CREATE INDEX "disclosure_requests_unit_state_idx" ON "disclosure_requests" USING btree ("tenant_id","unit_id","state");--> statement-breakpoint
CREATE INDEX "disclosure_requests_applicant_idx" ON "disclosure_requests" USING btree ("tenant_id","applicant_key","arrived_on");--> statement-breakpoint
CREATE INDEX "disclosure_requests_due_idx" ON "disclosure_requests" USING btree ("tenant_id","state","due_on");--> statement-breakpoint
CREATE INDEX "disclosure_requests_received_idx" ON "disclosure_requests" USING btree ("tenant_id","received_on");--> statement-breakpoint
CREATE INDEX "request_appeals_request_idx" ON "request_appeals" USING btree ("tenant_id","request_id");--> statement-breakpoint
CREATE INDEX "request_assists_unit_idx" ON "request_assists" USING btree ("tenant_id","unit_id","answered_on");--> statement-breakpoint
CREATE INDEX "request_documents_request_idx" ON "request_documents" USING btree ("tenant_id","request_id");--> statement-breakpoint
CREATE INDEX "request_events_request_idx" ON "request_events" USING btree ("tenant_id","request_id","created_at");--> statement-breakpoint
CREATE INDEX "request_pauses_request_idx" ON "request_pauses" USING btree ("tenant_id","request_id");