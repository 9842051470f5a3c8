/**
 * The downloads take no parameter: with the global ValidationPipe (`forbidNonWhitelisted`), any query parameter
 * is a 400 naming it, as on every other route.
 */
export class DownloadQueryDto {}
