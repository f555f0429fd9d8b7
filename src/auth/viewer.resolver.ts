import { Ctx, Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { toGlobalId } from '../common/global-id';
import type { RequestContext } from '../context';
import { Role } from './role.enum';

@ObjectType({ description: 'The API key making the request.' })
export class Viewer {
  @Field(() => ID)
  keyId: string;

  @Field(() => Role)
  role: Role;

  @Field(() => ID, { nullable: true, description: 'Global ID of the partner a PARTNER_USER key is scoped to.' })
  partnerId: string | null;

  @Field(() => ID, { nullable: true, description: 'Global ID of the distributor a DISTRIBUTOR key is scoped to.' })
  distributorId: string | null;
}

@Resolver()
export class ViewerResolver {
  @Query(() => Viewer, { description: 'Who the key belongs to: its role and scope.' })
  viewer(@Ctx() ctx: RequestContext): Viewer {
    const { keyId, role, partnerId, distributorId } = ctx.principal;
    return {
      keyId,
      role,
      partnerId: partnerId ? toGlobalId('Partner', partnerId) : null,
      distributorId: distributorId ? toGlobalId('Distributor', distributorId) : null,
    };
  }
}
