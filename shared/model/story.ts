import { z } from 'zod';

/** Workflow states (DESIGN.md §5). Stories start as drafts. */
export const STORY_STATUSES = [
  'draft',
  'supervisor_review',
  'submitted',
  'in_review',
  'changes_requested',
  'approved',
  'scheduled',
  'published',
  'spiked',
] as const;
export const StoryStatus = z.enum(STORY_STATUSES);
export type StoryStatus = z.infer<typeof StoryStatus>;

export const STATUS_LABELS: Record<StoryStatus, string> = {
  draft: 'Draft',
  supervisor_review: 'Supervisor review',
  submitted: 'Submitted',
  in_review: 'In review',
  changes_requested: 'Changes requested',
  approved: 'Approved',
  scheduled: 'Scheduled',
  published: 'Published',
  spiked: 'Spiked',
};

/** BCP 47 tag such as `en` or `zh-Hans`. Drives word counting and spell checking. */
export const LanguageTag = z
  .string()
  .min(2)
  .max(35)
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'Language must be a BCP 47 tag such as "en" or "zh-Hans"');

export const StoryId = z
  .string()
  .regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'Story id must be a ULID');
export type StoryId = z.infer<typeof StoryId>;

/** Limits that keep a single story within what the editor and the store handle well. */
export const LIMITS = {
  headline: 500,
  standfirst: 2000,
  /** Serialized body, in characters of JSON. A 20,000-word story is about 1 MB. */
  bodyJson: 8_000_000,
  nodeDepth: 64,
  query: 500,
} as const;

/** ISO-8601 UTC timestamp with milliseconds. */
export const Timestamp = z.iso.datetime();

export const StoryHeadline = z.string().max(LIMITS.headline, `Headline is longer than ${LIMITS.headline} characters`);
export const StoryStandfirst = z
  .string()
  .max(LIMITS.standfirst, `Standfirst is longer than ${LIMITS.standfirst} characters`);
