import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';

/**
 * A token that changes whenever this process changes the data. Cached
 * responses and entity tags of streamed responses are keyed on it.
 */
@Injectable()
export class DataVersion {
  private readonly boot = randomUUID().slice(0, 8);
  private counter = 0;
  private changedAt = new Date();
  private token = `${this.boot}.0`;

  current(): string {
    return this.token;
  }

  lastChange(): Date {
    return this.changedAt;
  }

  bump(): void {
    this.counter += 1;
    this.token = `${this.boot}.${this.counter}`;
    this.changedAt = new Date();
  }
}
