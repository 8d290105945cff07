CREATE TABLE "consultation_comments" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"consultation_id" uuid NOT NULL,
	"body" text NOT NULL,
	"name" text,
	"contact" text,
	"state" text DEFAULT 'pending' NOT NULL,
	"moderation_note" text,
	"moderated_by" uuid,
	"moderated_at" timestamp with time zone,
	"adopted" boolean,
	"adoption_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "consultation_comments_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "consultations" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"decision_id" uuid,
	"title" text NOT NULL,
	"draft_html" text DEFAULT '' NOT NULL,
	"explanation_html" text DEFAULT '' NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"urgent" boolean DEFAULT false NOT NULL,
	"urgent_reason" text,
	"other_channels" text,
	"state" text DEFAULT 'draft' NOT NULL,
	"published_at" timestamp with time zone,
	"report_html" text,
	"reported_at" timestamp with time zone,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consultations_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "major_decisions" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"year" integer NOT NULL,
	"title" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"summary" text,
	"stages" jsonb NOT NULL,
	"published" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "major_decisions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "message_events" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"message_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"actor_label" text NOT NULL,
	"event" text NOT NULL,
	"comment" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "message_events_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "messages" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"query_code_hash" text NOT NULL,
	"kind" text NOT NULL,
	"category" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"writer_name" text NOT NULL,
	"phone" text,
	"email" text,
	"consent_public" boolean DEFAULT false NOT NULL,
	"state" text DEFAULT 'received' NOT NULL,
	"received_on" date NOT NULL,
	"due_on" date NOT NULL,
	"due_explanation" text NOT NULL,
	"reply" text,
	"replied_on" date,
	"replied_by" uuid,
	"working_days_late" integer,
	"published" boolean DEFAULT false NOT NULL,
	"rating" integer,
	"rating_comment" text,
	"rated_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "messages_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "opinion_events" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"source" text NOT NULL,
	"level" text NOT NULL,
	"detected_at" timestamp with time zone NOT NULL,
	"unit_id" uuid NOT NULL,
	"summary" text,
	"state" text DEFAULT 'open' NOT NULL,
	"closed_at" timestamp with time zone,
	"closing_note" text,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "opinion_events_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "opinion_releases" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"content" text NOT NULL,
	"record_id" uuid,
	"url" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "opinion_releases_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "consultation_comments" ADD CONSTRAINT "consultation_comments_consultation_fk" FOREIGN KEY ("tenant_id","consultation_id") REFERENCES "public"."consultations"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_unit_fk" FOREIGN KEY ("tenant_id","unit_id") REFERENCES "public"."units"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_decision_fk" FOREIGN KEY ("tenant_id","decision_id") REFERENCES "public"."major_decisions"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "major_decisions" ADD CONSTRAINT "major_decisions_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "major_decisions" ADD CONSTRAINT "major_decisions_unit_fk" FOREIGN KEY ("tenant_id","unit_id") REFERENCES "public"."units"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_events" ADD CONSTRAINT "message_events_message_fk" FOREIGN KEY ("tenant_id","message_id") REFERENCES "public"."messages"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_unit_fk" FOREIGN KEY ("tenant_id","unit_id") REFERENCES "public"."units"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opinion_events" ADD CONSTRAINT "opinion_events_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opinion_events" ADD CONSTRAINT "opinion_events_unit_fk" FOREIGN KEY ("tenant_id","unit_id") REFERENCES "public"."units"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opinion_releases" ADD CONSTRAINT "opinion_releases_event_fk" FOREIGN KEY ("tenant_id","event_id") REFERENCES "public"."opinion_events"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consultation_comments_idx" ON "consultation_comments" USING btree ("tenant_id","consultation_id","state");--> statement-breakpoint
CREATE INDEX "consultations_state_idx" ON "consultations" USING btree ("tenant_id","state","ends_on");--> statement-breakpoint
CREATE INDEX "major_decisions_year_idx" ON "major_decisions" USING btree ("tenant_id","year");--> statement-breakpoint
CREATE INDEX "message_events_idx" ON "message_events" USING btree ("tenant_id","message_id","created_at");--> statement-breakpoint
CREATE INDEX "messages_unit_state_idx" ON "messages" USING btree ("tenant_id","unit_id","state");--> statement-breakpoint
CREATE INDEX "messages_published_idx" ON "messages" USING btree ("tenant_id","published","replied_on");--> statement-breakpoint
CREATE INDEX "opinion_events_state_idx" ON "opinion_events" USING btree ("tenant_id","state","detected_at");--> statement-breakpoint
CREATE INDEX "opinion_releases_idx" ON "opinion_releases" USING btree ("tenant_id","event_id","at");