import { IsOptional, MaxLength, MinLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { IdempotentInput } from '../common/mutation-inputs';
import { Role } from './role.enum';

@InputType({ description: 'Every given field must match.' })
export class ApiKeyFilter {
  @Field(() => [Role], { nullable: true })
  role?: Role[] | null;

  @Field(() => Boolean, { nullable: true, description: 'true: only revoked (and rotated) keys; false: only keys still in use.' })
  revoked?: boolean | null;
}

@InputType({ description: 'A new API key. PARTNER_USER keys need `partnerId`, DISTRIBUTOR keys `distributorId`, other roles neither.' })
export class CreateApiKeyInput extends IdempotentInput {
  @Field({ description: 'What or who the key is for, e.g. "Impartner sync".' })
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @Field(() => Role)
  role: Role;

  @Field(() => ID, { nullable: true, description: 'Global ID of the partner a PARTNER_USER key acts for.' })
  @IsOptional()
  partnerId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Global ID of the distributor a DISTRIBUTOR key acts for.' })
  @IsOptional()
  distributorId?: string | null;
}

@InputType({ description: 'Replaces a key: a new key with the same name, role and scope; the old one is revoked at once.' })
export class RotateApiKeyInput extends IdempotentInput {
  @Field(() => ID, { description: 'Global ID of the key to replace.' })
  id: string;
}

@InputType({ description: 'Revokes a key at once, on every instance. Revoking a revoked key changes nothing.' })
export class RevokeApiKeyInput {
  @Field(() => ID)
  id: string;
}
