CREATE TABLE "oidc_model" (
	"kind" text NOT NULL,
	"id" text NOT NULL,
	"payload" jsonb NOT NULL,
	"grant_id" text,
	"uid" text,
	"user_code" text,
	"platform_session" text,
	"expires_at" timestamp (3) with time zone,
	"consumed_at" timestamp (3) with time zone,
	CONSTRAINT "oidc_model_kind_id_pk" PRIMARY KEY("kind","id")
);
--> statement-breakpoint
CREATE TABLE "sso_client" (
	"id" text PRIMARY KEY NOT NULL,
	"entity_id" uuid NOT NULL,
	"catalogue_code" text,
	"name" text NOT NULL,
	"secret_sealed" text NOT NULL,
	"redirect_uris" text[] NOT NULL,
	"post_logout_redirect_uris" text[] NOT NULL,
	"backchannel_logout_uri" text,
	"initiate_login_uri" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"revoked_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE INDEX "oidc_model_grant_id_index" ON "oidc_model" USING btree ("grant_id");--> statement-breakpoint
CREATE INDEX "oidc_model_uid_index" ON "oidc_model" USING btree ("uid");--> statement-breakpoint
CREATE INDEX "oidc_model_user_code_index" ON "oidc_model" USING btree ("user_code");--> statement-breakpoint
CREATE INDEX "oidc_model_platform_session_index" ON "oidc_model" USING btree ("platform_session");--> statement-breakpoint
CREATE INDEX "oidc_model_expires_at_index" ON "oidc_model" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "sso_client_entity_id_index" ON "sso_client" USING btree ("entity_id");