import { describe, expect, it } from 'vitest';
import { createReadyBoard } from './createReadyBoard';

describe('createReadyBoard', () => {
  it('is ready only when everything registered has drawn', () => {
    const board = createReadyBoard();
    expect(board.state()).toMatchObject({ ready: true, count: 0 });
    const chart = board.register('peace-trend');
    expect(board.state()).toMatchObject({ ready: false, count: 1 });
    const api = board.register('kpi-trends');
    const spark = board.register('kpi-trends');
    expect(board.state()).toMatchObject({ ready: false, pending: ['peace-trend', 'kpi-trends'] });
    chart.set(true);
    api.set(true);
    expect(board.state().pending).toEqual(['kpi-trends']);
    spark.set(true);
    expect(board.state()).toMatchObject({ ready: true, pending: [], failed: null, count: 3 });
  });

  it('says why something cannot draw, and forgets what left the page', () => {
    const board = createReadyBoard();
    const a = board.register('red-grids');
    a.set(false, 'HTTP 500');
    expect(board.state().failed).toBe('red-grids: HTTP 500');
    a.dispose();
    board.register('map').set(true);
    expect(board.state()).toMatchObject({ ready: true, failed: null, count: 1 });
  });
});
