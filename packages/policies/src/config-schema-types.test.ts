import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import { type ClusterEntryOptions, clusterFieldsSchema } from './config-schema.js';

describe('ClusterEntryOptions', () => {
  it('says exactly what the schema accepts besides the cluster it means', () => {
    type FromSchema = Omit<z.output<typeof clusterFieldsSchema>, 'name' | 'resourceGroup' | 'selector'>;
    expectTypeOf<ClusterEntryOptions>().toEqualTypeOf<FromSchema>();
    expectTypeOf(clusterFieldsSchema.parse).returns.toExtend<ClusterEntryOptions>();
  });
});
