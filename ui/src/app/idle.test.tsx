import { fireEvent, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useIdle } from './idle';

function Probe({ minutes, onIdle }: { minutes: number; onIdle: () => void }) {
  useIdle(minutes, onIdle);
  return null;
}

describe('idle time', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('fires once after the chosen minutes without activity, later if someone is active', () => {
    const onIdle = vi.fn();
    render(<Probe minutes={5} onIdle={onIdle} />);
    vi.advanceTimersByTime(4 * 60_000);
    fireEvent.keyDown(window, { key: 'a' });
    vi.advanceTimersByTime(4 * 60_000);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(60_000 + 5_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(30 * 60_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('never fires with 0 minutes', () => {
    const onIdle = vi.fn();
    render(<Probe minutes={0} onIdle={onIdle} />);
    vi.advanceTimersByTime(24 * 60 * 60_000);
    expect(onIdle).not.toHaveBeenCalled();
  });
});
