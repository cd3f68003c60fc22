/**
 * A small least-recently-used cache for evaluations and rendered charts. Entries live for a short
 * time (values change only when a return is approved or records arrive), so pages stay fresh
 * without recomputing statistics and SVG on every request.
 */
export class ChartCache {
  #entries = new Map<string, { at: number; value: unknown }>();
  #version: number;

  /** `version` changes whenever a series changes (an approved return, a casework refresh): all entries go. */
  constructor(
    private readonly capacity: number,
    private readonly ttlMs = 60_000,
    private readonly version: () => number = () => 0,
  ) {
    this.#version = version();
  }

  private async get<T>(key: string, make: () => T | Promise<T>): Promise<T> {
    const version = this.version();
    if (version !== this.#version) {
      this.#entries.clear();
      this.#version = version;
    }
    const hit = this.#entries.get(key);
    if (hit && Date.now() - hit.at < this.ttlMs) {
      this.#entries.delete(key);
      this.#entries.set(key, hit);
      return hit.value as T;
    }
    const value = await make();
    this.#entries.set(key, { at: Date.now(), value });
    if (this.#entries.size > this.capacity) this.#entries.delete(this.#entries.keys().next().value!);
    return value;
  }

  evaluation<T>(key: string, make: () => Promise<T>): Promise<T> {
    return this.get(`evaluation:${key}`, make);
  }

  charts<T>(key: string, make: () => T | Promise<T>): Promise<T> {
    return this.get(`charts:${key}`, make);
  }

  clear(): void {
    this.#entries.clear();
  }
}
