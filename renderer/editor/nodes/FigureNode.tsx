import { BlockDecoratorNode } from './BlockDecoratorNode.ts';
import {
  $applyNodeReplacement,
  type DOMConversionMap,
  type DOMConversionOutput,
  type DOMExportOutput,
  type LexicalEditor,
  type LexicalNode,
  type LexicalUpdateJSON,
  type NodeKey,
  type SerializedLexicalNode,
  type Spread,
} from 'lexical';
import type { ReactNode } from 'react';
import { captionText, MediaRef, type CaptionRun, type SerializedFigure } from '../../../shared/model/anatomy.ts';
import { FigureComponent } from './FigureComponent.tsx';
import { appendCaption, captionFromDOM, normalizeCaption } from './figureCaption.ts';
import { figureMediaUrl } from './figureMedia.ts';

/** The node's JSON: exactly the anatomy's SerializedFigure (plus `$`, the block id, from the base class). */
export type SerializedFigureNode = Spread<Pick<SerializedFigure, 'type' | 'media' | 'alt' | 'caption' | 'credit' | 'creator'>, SerializedLexicalNode>;

/** What a figure holds. `media` is null for a placeholder: a caption whose photo is not here yet. */
export interface FigureData {
  media: MediaRef | null;
  alt: string;
  caption: readonly CaptionRun[];
  credit: string;
  /** The photographer as embedded in the image (IPTC by-line); kept for export, not printed. */
  creator: string;
}

export const EMPTY_FIGURE: FigureData = { media: null, alt: '', caption: [], credit: '', creator: '' };

const LIMITS = { alt: 1000, credit: 300, creator: 300 } as const;

/**
 * A figure block (DESIGN.md §1): an image from the media store by its sha256,
 * with caption (inline bold/italic…), credit and alt text. The credit is kept
 * apart from the caption and printed "caption (credit)". The editor shows the
 * downscaled rendition; exports reference the original.
 */
export class FigureNode extends BlockDecoratorNode {
  protected blockClassName(): string {
    return 'figure-block';
  }

  __media: MediaRef | null;
  __alt: string;
  __caption: readonly CaptionRun[];
  __credit: string;
  __creator: string;

  static override getType(): string {
    return 'figure';
  }

  static override clone(node: FigureNode): FigureNode {
    return new FigureNode(node.getData(), node.__key);
  }

  constructor(data: FigureData = EMPTY_FIGURE, key?: NodeKey) {
    super(key);
    this.__media = data.media;
    this.__alt = data.alt;
    this.__caption = data.caption;
    this.__credit = data.credit;
    this.__creator = data.creator;
  }

  static override importJSON(json: SerializedFigureNode): FigureNode {
    return $createFigureNode().updateFromJSON(json);
  }

  /** Reads the figure's fields; the base class restores NodeState (`$`, the block id). */
  override updateFromJSON(json: LexicalUpdateJSON<SerializedFigureNode>): this {
    return super.updateFromJSON(json).setData({
      media: json.media ?? null,
      alt: json.alt ?? '',
      caption: json.caption ?? [],
      credit: json.credit ?? '',
      creator: json.creator ?? '',
    });
  }

  override exportJSON(): SerializedFigureNode {
    const data = this.getData();
    return {
      ...super.exportJSON(),
      type: 'figure',
      version: 1,
      media: data.media === null ? null : { ...data.media },
      alt: data.alt,
      caption: data.caption.map((run) => ({ ...run })),
      credit: data.credit,
      creator: data.creator,
    };
  }

  static override importDOM(): DOMConversionMap | null {
    return { figure: () => ({ conversion: $convertFigureElement, priority: 1 }) };
  }

  /** `<figure><img src alt><figcaption>caption <span class="credit">(credit)</span></figcaption></figure>` */
  override exportDOM(editor: LexicalEditor): DOMExportOutput {
    const { media, alt, caption, credit, creator } = this.getData();
    const figure = document.createElement('figure');
    if (media !== null) {
      const img = document.createElement('img');
      img.setAttribute('src', figureMediaUrl(editor)(media.sha256, null));
      img.setAttribute('alt', alt);
      img.setAttribute('width', String(media.width));
      img.setAttribute('height', String(media.height));
      // Copydesk reads these back (copy and paste, HTML import) to keep the media reference.
      img.setAttribute('data-sha256', media.sha256);
      img.setAttribute('data-mime', media.mime);
      figure.appendChild(img);
    }
    if (creator !== '') figure.setAttribute('data-creator', creator);
    if (caption.length > 0 || credit !== '') {
      const figcaption = document.createElement('figcaption');
      appendCaption(figcaption, caption);
      if (credit !== '') {
        if (caption.length > 0) figcaption.appendChild(document.createTextNode(' '));
        const span = document.createElement('span');
        span.className = 'credit';
        span.textContent = `(${credit})`;
        figcaption.appendChild(span);
      }
      figure.appendChild(figcaption);
    }
    return { element: figure };
  }

  getData(): FigureData {
    const self = this.getLatest();
    return { media: self.__media, alt: self.__alt, caption: self.__caption, credit: self.__credit, creator: self.__creator };
  }

  getMedia(): MediaRef | null {
    return this.getLatest().__media;
  }

  /** Sets some or all fields; strings are cut to the schema's limits so a save is never refused for them. */
  setData(patch: Partial<FigureData>): this {
    const writable = this.getWritable();
    if (patch.media !== undefined) writable.__media = patch.media === null ? null : { ...patch.media };
    if (patch.alt !== undefined) writable.__alt = patch.alt.slice(0, LIMITS.alt);
    if (patch.caption !== undefined) writable.__caption = normalizeCaption(patch.caption);
    if (patch.credit !== undefined) writable.__credit = patch.credit.slice(0, LIMITS.credit);
    if (patch.creator !== undefined) writable.__creator = patch.creator.slice(0, LIMITS.creator);
    return writable;
  }

  override decorate(): ReactNode {
    return <FigureComponent nodeKey={this.getKey()} data={this.getData()} />;
  }
}

function $convertFigureElement(element: HTMLElement): DOMConversionOutput {
  const img = element.querySelector('img');
  const figcaption = element.querySelector('figcaption');
  let credit = '';
  let caption: CaptionRun[] = [];
  if (figcaption) {
    const copy = figcaption.cloneNode(true) as HTMLElement;
    const creditElement = copy.querySelector('.credit');
    if (creditElement) {
      credit = (creditElement.textContent ?? '').trim().replace(/^\((.*)\)$/s, '$1').trim();
      creditElement.remove();
    }
    caption = captionFromDOM(copy);
  }
  const media = MediaRef.safeParse({
    sha256: img?.getAttribute('data-sha256'),
    mime: img?.getAttribute('data-mime'),
    width: Number(img?.getAttribute('width')),
    height: Number(img?.getAttribute('height')),
  });
  const node = $createFigureNode({
    media: media.success ? media.data : null,
    alt: img?.getAttribute('alt') ?? '',
    caption,
    credit,
    creator: element.getAttribute('data-creator') ?? '',
  });
  // The figure's children (img, figcaption) are read above, not converted again.
  return { node, after: () => [] };
}

export function $createFigureNode(data: Partial<FigureData> = {}): FigureNode {
  const node = new FigureNode(EMPTY_FIGURE);
  return $applyNodeReplacement(node).setData({ ...EMPTY_FIGURE, ...data });
}

export function $isFigureNode(node: LexicalNode | null | undefined): node is FigureNode {
  return node instanceof FigureNode;
}

/** Caption and credit as printed: "caption (credit)". */
export function printedCaption(data: Pick<FigureData, 'caption' | 'credit'>): string {
  const text = captionText(data.caption).trim();
  if (data.credit === '') return text;
  return text === '' ? `(${data.credit})` : `${text} (${data.credit})`;
}
