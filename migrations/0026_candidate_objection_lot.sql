DROP INDEX "challenge_open_once";--> statement-breakpoint
ALTER TABLE "challenge" ADD COLUMN "lot_id" uuid;--> statement-breakpoint
CREATE UNIQUE INDEX "challenge_open_once" ON "challenge" USING btree ("project_id","challenger_entity_id","subject",coalesce("lot_id", '00000000-0000-0000-0000-000000000000'::uuid)) WHERE "challenge"."status" = 'filed';