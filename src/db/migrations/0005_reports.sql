CREATE TABLE "annual_reports" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"format" text NOT NULL,
	"coverage" text NOT NULL,
	"title" text NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"figures" jsonb NOT NULL,
	"figure_source" text NOT NULL,
	"figures_as_of" date,
	"adjustments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"narrative" jsonb NOT NULL,
	"narrative_from_id" uuid,
	"findings" jsonb,
	"checked_at" timestamp with time zone,
	"checked_by" text,
	"published_at" timestamp with time zone,
	"published_by" text,
	"published_figures" jsonb,
	"record_id" uuid,
	"publications" integer DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "annual_reports_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "report_unit_figures" (
	"tenant_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"licensing" integer DEFAULT 0 NOT NULL,
	"penalty" integer DEFAULT 0 NOT NULL,
	"enforcement" integer DEFAULT 0 NOT NULL,
	"fees_wan" numeric(14, 4) DEFAULT 0 NOT NULL,
	"note" text,
	"source" text DEFAULT 'manual' NOT NULL,
	"updated_by" text,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_unit_figures_tenant_id_unit_id_year_pk" PRIMARY KEY("tenant_id","unit_id","year")
);
--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "parent_tenant_id" uuid;--> statement-breakpoint
ALTER TABLE "annual_reports" ADD CONSTRAINT "annual_reports_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annual_reports" ADD CONSTRAINT "annual_reports_unit_fk" FOREIGN KEY ("tenant_id","unit_id") REFERENCES "public"."units"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_unit_figures" ADD CONSTRAINT "report_unit_figures_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_unit_figures" ADD CONSTRAINT "report_unit_figures_unit_fk" FOREIGN KEY ("tenant_id","unit_id") REFERENCES "public"."units"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "annual_reports_unit_year_uq" ON "annual_reports" USING btree ("tenant_id","unit_id","year");--> statement-breakpoint
CREATE INDEX "annual_reports_year_idx" ON "annual_reports" USING btree ("tenant_id","year","state");--> statement-breakpoint
ALTER TABLE "tenants" ADD CONSTRAINT "tenants_parent_fk" FOREIGN KEY ("parent_tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE set null ON UPDATE no action;