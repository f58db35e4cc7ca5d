import { z } from 'zod';
import { idParams, withErrors } from '../../platform/http/schemas';
import type { App } from '../../platform/http/server';
import { bookingInput, bookVenue, cancelBooking, createVenue, listVenues, myBookings, projectBookings, venueCalendar, venueInput, witnessCandidates } from './venues';
import { assignWitness, readWitnessRecord, saveWitnessRecord, signWitnessRecord, witnessAssignInput, witnessRecordInput, witnessSignInput } from './witness';

const OPERATOR = { roles: ['operator'] } as const;
const MANAGERS = { roles: ['agency', 'purchaser'] } as const;

const venueSchema = z.object({ id: z.uuid(), name: z.string(), kind: z.enum(['opening', 'evaluation']), centreName: z.string(), capacity: z.int(), regionCode: z.string() });
const bookingSchema = z.object({
  id: z.uuid(),
  venue: venueSchema,
  projectId: z.uuid(),
  projectTitle: z.string(),
  projectNumber: z.string(),
  purpose: z.enum(['opening', 'evaluation']),
  startsAt: z.string(),
  endsAt: z.string(),
  status: z.enum(['booked', 'cancelled']),
  cancelReason: z.string().nullable().describe('cancelledByProject, projectEnded, roomTakenAtNewTime'),
  witnessName: z.string().nullable(),
});
const recordSchema = z.object({
  bookingId: z.uuid(),
  projectId: z.uuid(),
  venueName: z.string(),
  centreName: z.string(),
  purpose: z.enum(['opening', 'evaluation']),
  startsAt: z.string(),
  endsAt: z.string(),
  status: z.enum(['booked', 'cancelled']),
  witnessPersonId: z.uuid().nullable(),
  witnessName: z.string().nullable(),
  attendance: z.array(z.string()),
  incidents: z.string(),
  notes: z.string(),
  signedAt: z.string().nullable(),
  revision: z.int(),
});

/** 场所与见证: rooms, bookings (one room, one project, one half hour: VN-01), the operator's calendar and the witness record. */
export function venueRoutes(app: App) {
  app.get(
    '/api/venues',
    { config: { access: { roles: ['operator', 'agency', 'purchaser'] } }, schema: { tags: ['venues'], summary: '开标室、评标室 / The rooms of the centre and its sub-centres', response: withErrors({ 200: z.array(venueSchema) }) } },
    async (request) => listVenues(request.ctx),
  );
  app.post(
    '/api/venues',
    { config: { access: OPERATOR }, schema: { tags: ['venues'], summary: '新增场地 / Add a room', body: venueInput, response: withErrors({ 201: venueSchema }, 422) } },
    async (request, reply) => reply.code(201).send(await createVenue(request.ctx, request.body)),
  );
  app.get(
    '/api/venue-calendar',
    {
      config: { access: OPERATOR },
      schema: {
        tags: ['venues'],
        summary: '场地日历 / Each room’s bookings over some days',
        querystring: z.object({ from: z.iso.datetime({ offset: true }), days: z.coerce.number().int().min(1).max(31).default(7) }),
        response: withErrors({ 200: z.object({ from: z.string(), days: z.int(), venues: z.array(venueSchema), bookings: z.array(bookingSchema.extend({ witnessPersonId: z.uuid().nullable(), witnessSigned: z.boolean() })) }) }),
      },
    },
    async (request) => venueCalendar(request.ctx, new Date(request.query.from), request.query.days),
  );
  app.get(
    '/api/witness-candidates',
    { config: { access: OPERATOR }, schema: { tags: ['venues'], summary: '可指派的见证人 / The centre’s staff who may witness', response: withErrors({ 200: z.array(z.object({ personId: z.uuid(), displayName: z.string() })) }) } },
    async (request) => witnessCandidates(request.ctx),
  );
  app.get(
    '/api/bookings',
    { config: { access: MANAGERS }, schema: { tags: ['venues'], summary: '我的场地预约 / The bookings of the projects I run', response: withErrors({ 200: z.array(bookingSchema) }) } },
    async (request) => myBookings(request.ctx),
  );
  app.get(
    '/api/projects/:id/bookings',
    { config: { access: { roles: ['agency', 'purchaser', 'operator'] } }, schema: { tags: ['venues'], summary: '项目的场地预约 / The project’s bookings', params: idParams, response: withErrors({ 200: z.array(bookingSchema) }, 404) } },
    async (request) => projectBookings(request.ctx, request.params.id),
  );
  app.post(
    '/api/projects/:id/bookings',
    {
      config: { access: MANAGERS, subject: { type: 'project', action: 'manage' } },
      schema: { tags: ['venues'], summary: '预约场地 / Book a room for the opening or the evaluation; a time taken is refused (409)', params: idParams, body: bookingInput, response: withErrors({ 201: bookingSchema }, 404, 409, 422) },
    },
    async (request, reply) => reply.code(201).send(await bookVenue(request.ctx, request.params.id, request.body)),
  );
  app.post(
    '/api/bookings/:id/cancellation',
    { config: { access: MANAGERS }, schema: { tags: ['venues'], summary: '取消预约 / Give the room back', params: idParams, response: withErrors({ 200: bookingSchema }, 404, 409) } },
    async (request) => cancelBooking(request.ctx, request.params.id),
  );
  app.get(
    '/api/bookings/:id/witness',
    { config: { access: OPERATOR }, schema: { tags: ['venues'], summary: '见证记录 / The witness record (operator side only)', params: idParams, response: withErrors({ 200: recordSchema }, 404) } },
    async (request) => readWitnessRecord(request.ctx, request.params.id),
  );
  app.put(
    '/api/bookings/:id/witness',
    { config: { access: OPERATOR }, schema: { tags: ['venues'], summary: '指派见证人 / Assign the witness', params: idParams, body: witnessAssignInput, response: withErrors({ 200: recordSchema }, 404, 409, 422) } },
    async (request) => assignWitness(request.ctx, request.params.id, request.body),
  );
  app.put(
    '/api/bookings/:id/witness/record',
    { config: { access: OPERATOR }, schema: { tags: ['venues'], summary: '填写见证记录 / Record attendance, incidents and notes', params: idParams, body: witnessRecordInput, response: withErrors({ 200: recordSchema }, 403, 404, 409, 422) } },
    async (request) => saveWitnessRecord(request.ctx, request.params.id, request.body),
  );
  app.post(
    '/api/bookings/:id/witness/signature',
    { config: { access: OPERATOR }, schema: { tags: ['venues'], summary: '签署见证记录 / Sign the record; it joins the project’s archive', params: idParams, body: witnessSignInput, response: withErrors({ 200: recordSchema }, 403, 404, 409, 422) } },
    async (request) => signWitnessRecord(request.ctx, request.params.id, request.body),
  );
}
