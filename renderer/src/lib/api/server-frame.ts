import { z } from 'zod';
import { ProgressEventSchema, type ServerMessage } from '../../../../main/contract';

// The contract's ServerMessageSchema lists two members with type 'response' in one
// discriminatedUnion, which zod 4 refuses on first use ("Duplicate discriminator value
// \"response\""). This is the same set of frames with the two responses nested under `ok`.
// Once the contract nests them the same way, use ServerMessageSchema directly.
const ResponseSchema = z.discriminatedUnion('ok', [
  z.object({
    type: z.literal('response'),
    id: z.number().int(),
    ok: z.literal(true),
    result: z.unknown(),
  }),
  z.object({
    type: z.literal('response'),
    id: z.number().int(),
    ok: z.literal(false),
    error: z.object({ message: z.string(), cancelled: z.boolean() }),
  }),
]);

export const ServerFrameSchema: z.ZodType<ServerMessage> = z.discriminatedUnion('type', [
  ResponseSchema,
  z.object({ type: z.literal('event'), event: ProgressEventSchema }),
]);
