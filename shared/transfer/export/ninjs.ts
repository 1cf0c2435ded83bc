import { CopydeskError, ErrorCode } from '../../api/errors.ts';
import { captionText, type BylineRole, type NoteRole } from '../../model/anatomy.ts';
import { formatByline } from '../../model/credits.ts';
import { countText } from '../../model/wordcount.ts';
import { figureName, renderCorrection, renderHtmlBody, renderInline } from './html.ts';
import {
  CORRECTION_BODY_ROLE,
  COPYDESK_EXTENSION_ROLE,
  COPYDESK_MEDIA_URI_PREFIX,
  COPYDESK_PERSON_URI_PREFIX,
  COPYDESK_SECTOR_LITERAL_PREFIX,
  COPYDESK_STORY_ID_ROLE,
  COPYDESK_URI_PREFIX,
  bodyDigest,
  type CopydeskExtension,
} from './ninjsExtension.ts';
import { validateNinjs, type SchemaProblem } from './ninjsSchema.ts';
import {
  blockIdOf,
  bodyTextOf,
  captionInline,
  correctionOf,
  isContributorNote,
  isFigure,
  sectorOf,
  sectorsInOrder,
  type ExportSettings,
  type ExportStory,
} from './story.ts';

/**
 * IPTC ninjs 3.1 ("News in JSON") of a story, checked against IPTC's schema
 * before it is returned:
 * - headline → `headlines[role=main]`, standfirst → `descriptions[role=standfirst]`
 * - body → `bodies[role=main]` as semantic HTML with `charCount`/`wordCount`
 * - the correction note of a corrected story → two more `bodies` with role
 *   "correction": the note as text/plain, and as the HTML the HTML export
 *   prints (`<aside class="correction" role="note">`, with its date). ninjs
 *   3.1 has no correction field; `edNote` is "not intended to be published"
 *   and `descriptions` "are seen as metadata", while a correction note is
 *   published text, part of the story: a body. The main body stays the story
 *   body alone, so its counts and the extension's digest do not change with
 *   the note, and a receiver that ignores the role still gets the story.
 * - byline → `by` (printed with the publication's format) and `people` with
 *   `rel` = the contributor's role; contributor-note people too
 * - sectors → `subjects` with the taxonomy's IPTC Media Topic `uri`
 * - figures → `associations` of type picture: caption in `descriptions`,
 *   the credit line in `by` (ninjs 3.1 has no credit field; `by` is its
 *   "statement about the creator"), the creator in `people`
 * - dateline place → `located`; the Copydesk extension (see
 *   ninjsExtension.ts) in `altIds` keeps what ninjs cannot say.
 */

/** The subset of ninjs 3.1 Copydesk writes. */
export interface NinjsText {
  uri: string;
  type: 'text';
  representationType: 'full';
  profile: string;
  standard: { name: string; version: string; schema: string };
  version: string;
  firstCreated: string;
  versionCreated: string;
  language: string;
  headlines: Array<{ role: string; contentType: string; value: string }>;
  descriptions?: Array<{ role: string; contentType: string; value: string }>;
  bodies: Array<{ role: string; contentType: string; charCount?: number; wordCount?: number; value: string }>;
  by?: string;
  located?: string;
  people?: NinjsPerson[];
  subjects?: Array<{ name: string; rel: string; uri?: string; literal: string }>;
  associations?: NinjsPicture[];
  altIds: Array<{ role: string; value: string }>;
}

export interface NinjsPerson {
  name: string;
  rel: string;
  uri?: string;
}

export interface NinjsPicture {
  name: string;
  rel: string;
  uri: string;
  type: 'picture';
  by?: string;
  people?: NinjsPerson[];
  descriptions?: Array<{ role: string; contentType: string; value: string }>;
  renditions?: Array<{ name: string; contentType: string; width: number; height: number }>;
  altIds?: Array<{ role: string; value: string }>;
}

/** `rel` of a person in the byline: the role as IPTC's "creator role" wording has it. */
export const BYLINE_REL: Record<BylineRole, string> = {
  author: 'author',
  photographer: 'photographer',
  translator: 'translator',
  editor: 'editor',
  contributor: 'contributor',
};

/** `rel` of a person in a contributor note (the note's exact role is kept in the extension). */
export const NOTE_REL: Record<NoteRole, string> = {
  intern: 'contributor',
  additional_reporting: 'contributor',
  translation: 'translator',
  photos: 'photographer',
};

export const NINJS_SCHEMA_URI = 'http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json';

/** Builds the ninjs object without checking it (see {@link toNinjs}). */
export function buildNinjs(story: ExportStory, settings: ExportSettings): NinjsText {
  const bodyHtml = renderHtmlBody(story, settings, { associationNames: true });
  const bodyText = bodyTextOf(story.body, settings);
  const ninjs: NinjsText = {
    uri: `${COPYDESK_URI_PREFIX}${story.id}`,
    type: 'text',
    representationType: 'full',
    profile: 'copydesk-story',
    standard: { name: 'ninjs', version: '3.1', schema: NINJS_SCHEMA_URI },
    version: String(story.revision),
    firstCreated: story.createdAt,
    versionCreated: story.updatedAt,
    language: story.language,
    headlines: [{ role: 'main', contentType: 'text/plain', value: story.headline }],
    bodies: [
      {
        role: 'main',
        contentType: 'text/html',
        charCount: [...bodyText.replace(/\n/g, '')].length,
        wordCount: countText(bodyText, story.language).words,
        value: bodyHtml,
      },
    ],
    altIds: [],
  };
  const correction = correctionOf(story);
  if (correction !== null) {
    ninjs.bodies.push(
      { role: CORRECTION_BODY_ROLE, contentType: 'text/plain', value: correction.note },
      { role: CORRECTION_BODY_ROLE, contentType: 'text/html', value: renderCorrection(story) },
    );
  }
  if (story.standfirst.trim() !== '') {
    ninjs.descriptions = [{ role: 'standfirst', contentType: 'text/plain', value: story.standfirst }];
  }
  const by = formatByline(story.byline, settings.bylineFormat);
  if (by !== '') ninjs.by = by;
  const located = story.dateline.place.trim().replace(/[-–—,\s]+$/, '');
  if (located !== '') ninjs.located = located;

  const people = peopleOf(story);
  if (people.length > 0) ninjs.people = people;

  const subjects = sectorsInOrder(story.body).map((id) => {
    const sector = sectorOf(settings, id);
    return {
      name: sector?.label ?? id,
      rel: 'about',
      ...(sector?.mediaTopicUri ? { uri: sector.mediaTopicUri } : {}),
      literal: `${COPYDESK_SECTOR_LITERAL_PREFIX}${id}`,
    };
  });
  if (subjects.length > 0) ninjs.subjects = subjects;

  const associations = picturesOf(story);
  if (associations.length > 0) ninjs.associations = associations;

  const extension: CopydeskExtension = {
    format: 'copydesk-story',
    version: 1,
    bodyDigest: bodyDigest(bodyHtml),
    dateline: story.dateline,
    byline: [...story.byline],
    body: story.body,
  };
  ninjs.altIds = [
    { role: COPYDESK_STORY_ID_ROLE, value: story.id },
    { role: COPYDESK_EXTENSION_ROLE, value: JSON.stringify(extension) },
  ];
  return ninjs;
}

function peopleOf(story: ExportStory): NinjsPerson[] {
  const people: NinjsPerson[] = [];
  const seen = new Set<string>();
  const add = (name: string, rel: string, personId: string | null) => {
    const key = `${name.trim().toLocaleLowerCase('en')}\u0000${rel}`;
    if (name.trim() === '' || seen.has(key)) return;
    seen.add(key);
    people.push({ name: name.trim(), rel, ...(personId ? { uri: `${COPYDESK_PERSON_URI_PREFIX}${personId}` } : {}) });
  };
  for (const entry of story.byline) add(entry.name, BYLINE_REL[entry.role], entry.personId);
  for (const block of story.body.root.children) {
    if (!isContributorNote(block)) continue;
    for (const entry of block.contributors) add(entry.name, NOTE_REL[entry.role], entry.personId);
  }
  return people;
}

function picturesOf(story: ExportStory): NinjsPicture[] {
  const pictures: NinjsPicture[] = [];
  for (const block of story.body.root.children) {
    if (!isFigure(block)) continue;
    const name = figureName(pictures.length + 1);
    const blockId = blockIdOf(block);
    const picture: NinjsPicture = {
      name,
      rel: 'figure',
      uri: block.media ? `${COPYDESK_MEDIA_URI_PREFIX}${block.media.sha256}` : `urn:copydesk:figure:${blockId ?? name}`,
      type: 'picture',
    };
    const credit = block.credit.trim();
    if (credit !== '') picture.by = credit;
    if (block.creator.trim() !== '') picture.people = [{ name: block.creator.trim(), rel: 'creator' }];
    const descriptions: NonNullable<NinjsPicture['descriptions']> = [];
    const caption = captionText(block.caption);
    if (caption.trim() !== '') {
      descriptions.push({ role: 'caption', contentType: 'text/plain', value: caption });
      descriptions.push({ role: 'caption', contentType: 'text/html', value: renderInline(captionInline(block.caption)) });
    }
    if (block.alt.trim() !== '') descriptions.push({ role: 'alt', contentType: 'text/plain', value: block.alt });
    if (descriptions.length > 0) picture.descriptions = descriptions;
    if (block.media) {
      picture.renditions = [{ name: 'original', contentType: block.media.mime, width: block.media.width, height: block.media.height }];
      picture.altIds = [{ role: 'sha256', value: block.media.sha256 }];
    }
    if (blockId !== null) picture.altIds = [...(picture.altIds ?? []), { role: 'copydesk:block-id', value: blockId }];
    pictures.push(picture);
  }
  return pictures;
}

/** How many schema problems an error message lists. */
const PROBLEMS_SHOWN = 5;

/**
 * The story as ninjs 3.1, validated against IPTC's schema. An export that
 * does not validate is refused (VALIDATION) with the first problems named,
 * rather than written.
 */
export function toNinjs(story: ExportStory, settings: ExportSettings): NinjsText {
  const ninjs = buildNinjs(story, settings);
  const checked = validateNinjs(ninjs);
  if (!checked.ok) throw ninjsRefusal(checked.problems);
  return ninjs;
}

export function ninjsRefusal(problems: readonly SchemaProblem[]): CopydeskError {
  const shown = problems.slice(0, PROBLEMS_SHOWN).map((p) => `${p.path} ${p.message}`);
  const more = problems.length > PROBLEMS_SHOWN ? ` (and ${problems.length - PROBLEMS_SHOWN} more)` : '';
  return new CopydeskError(
    ErrorCode.VALIDATION,
    `The ninjs export does not pass the IPTC ninjs 3.1 schema, so it was not written: ${shown.join('; ')}${more}.`,
    problems.slice(0, 20),
  );
}

/** ninjs as the file holds it: pretty-printed JSON. */
export function renderNinjs(story: ExportStory, settings: ExportSettings): string {
  return `${JSON.stringify(toNinjs(story, settings), null, 2)}\n`;
}
