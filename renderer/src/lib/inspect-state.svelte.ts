import type {
  FitResult,
  FitVsObserved,
  MovieBrief,
  Recommendations,
  SimilarMovies,
  UserFactors,
} from '../../../main/contract';
import { errorLine } from './api';
import type { Session } from './session.svelte';

export type MovieHit = MovieBrief & { ratings: number };

/** Fine bins for fit-vs-observed; the density view smooths over them. */
const FVO_BINS = 160;
/** Users shown in each U heatmap (the first by ascending id, the same rows for both models). */
export const HEATMAP_ROWS = 100;

/**
 * The questions asked of fitted models in the Inspect step (SPEC §3, §5): fit vs observed,
 * two U heatmaps, recommendations and nearest movies. Answers are kept per model so that moving
 * between steps does not ask again; each question is quick, so none is a cancellable job.
 */
export class InspectState {
  fvo = $state.raw<FitVsObserved | null>(null);
  fvoMode = $state<'density' | 'counts'>('density');
  /** Kernel bandwidth in rating units. */
  bandwidth = $state(0.12);

  heatmapA = $state<string | null>(null);
  heatmapB = $state<string | null>(null);
  factorsA = $state.raw<UserFactors | null>(null);
  factorsB = $state.raw<UserFactors | null>(null);

  userId = $state<number | null>(1);
  topN = $state(10);
  /** The latest recommendations, with the model that made them. */
  recommendations = $state.raw<{ modelId: string; result: Recommendations } | null>(null);

  movieQuery = $state('');
  movieHits = $state.raw<MovieHit[]>([]);
  movie = $state.raw<MovieHit | null>(null);
  metric = $state<'cosine' | 'euclidean'>('cosine');
  similar = $state.raw<{ modelId: string; result: SimilarMovies } | null>(null);

  loading = $state<Partial<Record<'fvo' | 'heatmaps' | 'recommend' | 'similar', boolean>>>({});
  #searchSeq = 0;
  readonly #session: Session;

  constructor(session: Session) {
    this.#session = session;
  }

  async #ask<T>(
    key: keyof InspectState['loading'],
    what: string,
    call: () => Promise<T>,
  ): Promise<T | null> {
    this.loading[key] = true;
    try {
      return await call();
    } catch (error) {
      this.#session.error = `${what} failed: ${errorLine(error)}`;
      return null;
    } finally {
      this.loading[key] = false;
    }
  }

  async loadFitVsObserved(model: FitResult): Promise<void> {
    if (this.fvo?.modelId === model.modelId) return;
    this.fvo = null;
    const r = await this.#ask('fvo', 'Fit vs observed', () =>
      this.#session.api.fitVsObserved({ modelId: model.modelId, bins: FVO_BINS }),
    );
    if (r && this.#session.fit?.modelId === model.modelId) this.fvo = r;
  }

  /** Picks two models to compare when none are picked yet: λ = 0 against the largest λ. */
  pickHeatmapModels(models: readonly FitResult[], current: FitResult | null): void {
    const usable = models.filter((m) => m.status !== 'diverged');
    const has = (id: string | null) => usable.some((m) => m.modelId === id);
    if (has(this.heatmapA) && has(this.heatmapB)) return;
    const plain = usable.find((m) => m.params.lambda === 0) ?? current ?? usable[0] ?? null;
    const regularised = [...usable]
      .filter((m) => m.modelId !== plain?.modelId)
      .sort((a, b) => b.params.lambda - a.params.lambda)[0];
    this.heatmapA = plain?.modelId ?? null;
    this.heatmapB = regularised?.modelId ?? plain?.modelId ?? null;
  }

  async loadHeatmaps(): Promise<void> {
    const a = this.heatmapA;
    const b = this.heatmapB;
    if (!a || !b) return;
    if (this.factorsA?.modelId === a && this.factorsB?.modelId === b) return;
    const api = this.#session.api;
    const r = await this.#ask('heatmaps', 'Reading the user factors', () =>
      Promise.all([
        api.userFactors({ modelId: a, rows: HEATMAP_ROWS }),
        api.userFactors({ modelId: b, rows: HEATMAP_ROWS }),
      ]),
    );
    if (!r || this.heatmapA !== a || this.heatmapB !== b) return;
    [this.factorsA, this.factorsB] = r;
  }

  async recommend(model: FitResult): Promise<void> {
    const userId = this.userId;
    if (userId === null || !Number.isInteger(userId)) {
      this.#session.error = 'User id: enter a whole number, e.g. 1.';
      return;
    }
    const n = Math.min(100, Math.max(1, Math.round(this.topN || 10)));
    const r = await this.#ask('recommend', `Recommendations for user ${userId}`, () =>
      this.#session.api.recommend({ modelId: model.modelId, userId, n }),
    );
    this.recommendations = r && { modelId: model.modelId, result: r };
  }

  /** Title search as the person types; late answers to older queries are dropped. */
  async searchMovies(model: FitResult, query: string): Promise<void> {
    const seq = ++this.#searchSeq;
    if (query.trim() === '') {
      this.movieHits = [];
      return;
    }
    try {
      const hits = await this.#session.api.searchMovies({
        modelId: model.modelId,
        query,
        limit: 12,
      });
      if (seq === this.#searchSeq) this.movieHits = hits;
    } catch (error) {
      this.#session.error = `Movie search failed: ${errorLine(error)}`;
    }
  }

  async pickMovie(model: FitResult, movie: MovieHit): Promise<void> {
    this.movie = movie;
    this.movieHits = [];
    this.movieQuery = movie.title;
    await this.loadSimilar(model);
  }

  async loadSimilar(model: FitResult): Promise<void> {
    const movie = this.movie;
    if (!movie) return;
    const metric = this.metric;
    const r = await this.#ask('similar', `Movies near ${movie.title}`, () =>
      this.#session.api.similarMovies({ modelId: model.modelId, movieId: movie.id, n: 10, metric }),
    );
    if (r && this.movie?.id === movie.id && this.metric === metric) {
      this.similar = { modelId: model.modelId, result: r };
    }
  }
}
