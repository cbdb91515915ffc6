import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent as ReactKeyboardEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { CustomerRowDto } from '../../api';
import type { CustomersView, SortKey } from '../../app/session';
import { useSession } from '../../app/session';
import { useLoad } from '../../app/useLoad';
import { DaysOverdue, ErrorNotice, Loading } from '../../components/Feedback';
import { Icon } from '../../components/Icon';
import { useI18n } from '../../i18n/I18nProvider';
import { distinct, filterRows, indexRows, sortRows } from './model';
import type { IndexedRow } from './model';

const ROW_HEIGHT = 36;
const SORTS: SortKey[] = ['overdue', 'balance', 'name', 'days'];

export function CustomersScreen() {
  const { asOf, customerRows } = useSession();
  // The session fetches the list once per day (`api.customers`) and keeps it between visits.
  const rows = useLoad(`customers:${asOf ?? ''}`, customerRows);
  return (
    <div className="page page--fill" data-testid="customers-screen">
      {rows.error && <ErrorNotice error={rows.error} onRetry={rows.reload} />}
      {rows.data ? <CustomerList rows={rows.data} /> : !rows.error && <Loading />}
    </div>
  );
}

function CustomerList({ rows }: { rows: CustomerRowDto[] }) {
  const { t, int, language, country: countryLabel } = useI18n();
  const { customersView } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();

  // The view survives a visit to a customer (kept in the session); `?q=` from a link wins.
  const [view, setViewState] = useState<CustomersView>(() => {
    const q = params.get('q');
    return q === null ? customersView.current : { ...customersView.current, search: q, selectedId: null, scrollOffset: 0 };
  });
  const setView = (patch: Partial<CustomersView>) => setViewState((v) => ({ ...v, ...patch }));
  useEffect(() => {
    customersView.current = view;
  }, [view, customersView]);

  const search = useDeferredValue(view.search);
  const indexed = useMemo(() => indexRows(rows), [rows]);
  const countries = useMemo(() => distinct(rows, (r) => r.country), [rows]);
  const owners = useMemo(() => distinct(rows, (r) => r.owner), [rows]);
  const collator = useMemo(() => new Intl.Collator(language, { sensitivity: 'base', numeric: true }), [language]);
  const sorted = useMemo(() => sortRows(indexed.slice(), view.sort, collator), [indexed, view.sort, collator]);
  const visible = useMemo(
    () => filterRows(sorted, { search, country: view.country, owner: view.owner }),
    [sorted, search, view.country, view.owner],
  );

  const scroller = useRef<HTMLDivElement>(null);
  const searchBox = useRef<HTMLInputElement>(null);
  // No React Compiler here: the virtualizer's functions are fine to call on every render.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: visible.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    initialOffset: view.scrollOffset,
  });

  const selectedIndex = view.selectedId === null ? -1 : visible.findIndex((r) => r.row.id === view.selectedId);

  const open = (id: number) => {
    customersView.current = { ...view, selectedId: id, scrollOffset: scroller.current?.scrollTop ?? 0 };
    void navigate(`/customers/${id}`);
  };

  const move = (to: number) => {
    if (visible.length === 0) return;
    const index = Math.max(0, Math.min(visible.length - 1, to));
    const target = visible[index];
    if (!target) return;
    setView({ selectedId: target.row.id });
    virtualizer.scrollToIndex(index, { align: 'auto' });
  };

  // `/` focuses the search from anywhere on this screen.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' || target.isContentEditable)) return;
      e.preventDefault();
      searchBox.current?.focus();
      searchBox.current?.select();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const onListKey = (e: ReactKeyboardEvent) => {
    const at = selectedIndex;
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);
    switch (e.key) {
      case 'ArrowDown':
        move(at + 1);
        break;
      case 'ArrowUp':
        move(at <= 0 ? 0 : at - 1);
        break;
      case 'PageDown':
        move(at + page);
        break;
      case 'PageUp':
        move(at - page);
        break;
      case 'Home':
        if (e.target === searchBox.current) return;
        move(0);
        break;
      case 'End':
        if (e.target === searchBox.current) return;
        move(visible.length - 1);
        break;
      case 'Enter': {
        const row = visible[at] ?? (visible.length === 1 ? visible[0] : undefined);
        if (row) open(row.row.id);
        break;
      }
      case 'Escape':
        if (e.target === searchBox.current && view.search) setView({ search: '', selectedId: null });
        else return;
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  const activeId = selectedIndex >= 0 ? `customer-row-${view.selectedId}` : undefined;

  return (
    <>
      <div className="page__head">
        <h1 className="page__title">{t('customers.title')}</h1>
        <span className="muted" data-testid="customers-count">
          {t('customers.count', { shown: int(visible.length), total: int(rows.length) })}
        </span>
        <span className="page__hint">{t('customers.keys')}</span>
      </div>

      <div className="toolbar" onKeyDown={onListKey}>
        <label className="search">
          <Icon name="search" className="search__icon" />
          <input
            ref={searchBox}
            className="input search__input"
            type="search"
            placeholder={t('customers.search')}
            aria-label={t('customers.search')}
            aria-controls="customer-list"
            aria-activedescendant={activeId}
            value={view.search}
            onChange={(e) => {
              setView({ search: e.target.value, selectedId: null });
              virtualizer.scrollToOffset(0);
            }}
            data-testid="customers-search"
          />
          {view.search === '' && (
            <kbd className="search__kbd" title={t('customers.searchShortcut')}>
              /
            </kbd>
          )}
        </label>
        <label className="toolbar__field">
          <span>{t('customers.sortBy')}</span>
          <select
            className="select"
            value={view.sort}
            onChange={(e) => setView({ sort: e.target.value as SortKey })}
            data-testid="customers-sort"
          >
            {SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`sort.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <select
          className="select"
          value={view.country}
          aria-label={t('customers.country')}
          onChange={(e) => setView({ country: e.target.value })}
          data-testid="customers-country"
        >
          <option value="">{t('customers.allCountries')}</option>
          {countries.map((c) => (
            <option key={c} value={c}>
              {countryLabel(c)}
            </option>
          ))}
        </select>
        <select
          className="select"
          value={view.owner}
          aria-label={t('customers.owner')}
          onChange={(e) => setView({ owner: e.target.value })}
          data-testid="customers-owner"
        >
          <option value="">{t('customers.allOwners')}</option>
          {owners.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      </div>

      <div className="list card card--flush">
        <div className="list__head customer-grid" role="presentation">
          <span>{t('col.number')}</span>
          <span>{t('col.name')}</span>
          <span>{t('col.country')}</span>
          <span>{t('col.owner')}</span>
          <span className="num">{t('col.balance')}</span>
          <span className="num">{t('col.overdue')}</span>
          <span className="num">{t('col.openItems')}</span>
          <span className="num">{t('col.daysOverdue')}</span>
        </div>
        <div
          ref={scroller}
          id="customer-list"
          className="list__body"
          role="listbox"
          tabIndex={0}
          aria-label={t('customers.title')}
          aria-activedescendant={activeId}
          onKeyDown={onListKey}
          data-testid="customers-list"
        >
          {visible.length === 0 ? (
            <p className="empty">{t('customers.none')}</p>
          ) : (
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {virtualizer.getVirtualItems().map((item) => {
                const entry = visible[item.index];
                return entry ? (
                  <Row
                    key={entry.row.id}
                    entry={entry}
                    top={item.start}
                    selected={entry.row.id === view.selectedId}
                    onOpen={open}
                  />
                ) : null;
              })}
            </div>
          )}
        </div>
      </div>
    </>
  );
}

function Row({ entry, top, selected, onOpen }: { entry: IndexedRow; top: number; selected: boolean; onOpen: (id: number) => void }) {
  const { money, int, country } = useI18n();
  const { row } = entry;
  return (
    <div
      id={`customer-row-${row.id}`}
      role="option"
      aria-selected={selected}
      className={'list__row customer-grid' + (selected ? ' list__row--selected' : '')}
      style={{ transform: `translateY(${top}px)`, height: ROW_HEIGHT }}
      onClick={() => onOpen(row.id)}
      data-testid="customers-row"
      data-customer-id={row.id}
    >
      <span className="mono">{row.number}</span>
      <span className="ellipsis name" title={row.name}>
        {row.name}
      </span>
      <span className="ellipsis" title={country(row.country)}>
        {country(row.country)}
      </span>
      <span className="ellipsis muted">{row.owner}</span>
      <span className="num amount">{money(row.balance)}</span>
      <span className={'num amount' + (row.max_days_overdue > 0 ? ' amount--strong' : ' muted')}>{money(row.overdue)}</span>
      <span className="num">{int(row.open_items)}</span>
      <span className="num">
        <DaysOverdue days={row.max_days_overdue} />
      </span>
    </div>
  );
}
