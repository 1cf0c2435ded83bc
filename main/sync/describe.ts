import type { Mutation } from '../../shared/sync/protocol.ts';
import { ACTION_LABELS } from '../../shared/workflow/actions.ts';

/** "Text of the story (checkpoint of 10:42 UTC)", "Submit", "Comment on “through the night”": the sync preview's words. */
export function describeMutation(mutation: Mutation, headline: string): string {
  const story = headline ? `“${headline}”` : 'an untitled story';
  switch (mutation.type) {
    case 'article.create':
      return `New story ${story}`;
    case 'article.revision':
      return `Text of ${story} (checkpoint of ${mutation.payload.revision.createdAt.slice(11, 16)} UTC)`;
    case 'article.transition':
      return `${ACTION_LABELS[mutation.payload.action]}: ${story}`;
    case 'article.trash':
      return `Move ${story} to the trash`;
    case 'article.restore':
      return `Restore ${story} from the trash`;
    case 'comment.create':
      return `Comment on “${mutation.payload.anchor.quote.slice(0, 60)}”`;
    case 'comment.reply':
      return `Reply to a comment on ${story}`;
    case 'comment.resolve':
      return `Comment resolved on ${story}`;
    case 'comment.reopen':
      return `Comment reopened on ${story}`;
    case 'proposal.send':
      return `Proposal for ${story}`;
    case 'proposal.decide':
      return `Decision on a proposal for ${story}`;
    case 'proposal.withdraw':
      return `Proposal withdrawn from ${story}`;
  }
}

/** The sync preview's line for text autosaved but not yet checkpointed (it is checkpointed and sent by the next cycle). */
export function describeUnsentText(headline: string): string {
  return `Text of ${headline ? `“${headline}”` : 'an untitled story'} (not yet checkpointed)`;
}
