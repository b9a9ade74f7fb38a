// The eventqueue dashboard. Every value from the server is put on the page with textContent (never
// as HTML), so an event's payload or an error message can hold any text and still shows as text.
'use strict';

(function () {
    const REFRESH_MS = 5000;
    const PAGE_SIZE = 50;
    const SVG = 'http://www.w3.org/2000/svg';
    const state = { timer: null, offset: 0, filter: {}, operator: false, requests: 0, problemAt: -1 };

    const $ = (selector, root) => (root || document).querySelector(selector);

    function el(tag, text, className) {
        const node = document.createElement(tag);
        if (text !== undefined && text !== null) node.textContent = String(text);
        if (className) node.className = className;
        return node;
    }

    function token() {
        return sessionStorage.getItem('eventqueue-token') || '';
    }

    async function api(path, options) {
        const headers = { Accept: 'application/json' };
        if (token()) headers.Authorization = 'Bearer ' + token();
        const init = Object.assign({ headers: headers }, options || {});
        if (init.body) headers['Content-Type'] = 'application/json';
        const sent = ++state.requests;
        let response;
        try {
            response = await fetch('api/' + path, init);
        } catch (e) {
            state.problemAt = state.requests;
            showProblem('The dashboard server cannot be reached: ' + e.message);
            throw e;
        }
        let body = null;
        try {
            body = await response.json();
        } catch (e) {
            body = { error: 'unreadable answer (HTTP ' + response.status + ')' };
        }
        if (response.status === 503) {
            state.problemAt = state.requests;
            showProblem(body.error || 'The queue\'s database cannot be reached.');
            throw new Error(body.error);
        }
        // Only an answer to a request sent after the last 503 clears the banner: a sibling request
        // of the failed one (the series comes from memory) says nothing about the database.
        if (sent > state.problemAt) hideProblem();
        if (!response.ok) {
            const error = new Error(body.error || ('HTTP ' + response.status));
            error.status = response.status;
            throw error;
        }
        return body;
    }

    function showProblem(message) {
        const banner = $('#status-banner');
        banner.textContent = 'Database unreachable — ' + message + ' The page retries by itself.';
        banner.hidden = false;
        document.body.classList.add('unavailable');
    }

    function hideProblem() {
        $('#status-banner').hidden = true;
        document.body.classList.remove('unavailable');
    }

    function number(value) {
        return value === null || value === undefined ? '–' : Number(value).toLocaleString('en');
    }

    function duration(seconds) {
        if (seconds === null || seconds === undefined) return 'none due';
        if (seconds < 60) return seconds + ' s';
        if (seconds < 3600) return Math.floor(seconds / 60) + ' min ' + (seconds % 60) + ' s';
        return Math.floor(seconds / 3600) + ' h ' + Math.floor((seconds % 3600) / 60) + ' min';
    }

    function millis(value) {
        if (value === null || value === undefined) return '–';
        return value < 1000 ? value + ' ms' : (value / 1000).toFixed(1) + ' s';
    }

    function time(iso) {
        if (!iso) return '–';
        return iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
    }

    function setMode(operator, queue) {
        state.operator = operator;
        const mode = $('#mode');
        mode.textContent = operator ? 'Operator' : 'Read-only';
        mode.className = 'badge ' + (operator ? 'operator' : 'readonly');
        if (queue) $('#queue-name').textContent = queue;
        document.querySelectorAll('#bulk-retry, #bulk-purge').forEach((button) => {
            button.disabled = !operator;
            button.title = operator ? '' : 'Read-only: enter the operator token to act';
        });
    }

    function mount(templateId) {
        const content = $('#content');
        content.replaceChildren($('#' + templateId).content.cloneNode(true));
        return content;
    }

    function row(cells) {
        const tr = document.createElement('tr');
        cells.forEach((cell) => {
            if (cell instanceof Node) {
                const td = document.createElement('td');
                td.appendChild(cell);
                tr.appendChild(td);
            } else if (cell && typeof cell === 'object') {
                tr.appendChild(el('td', cell.text, cell.className));
            } else {
                tr.appendChild(el('td', cell));
            }
        });
        return tr;
    }

    function emptyRow(tbody, columns, text) {
        const td = el('td', text, 'muted');
        td.colSpan = columns;
        const tr = document.createElement('tr');
        tr.appendChild(td);
        tbody.replaceChildren(tr);
    }

    // ---- Overview ----
    async function overview() {
        mount('overview-template');
        const refresh = async () => {
            try {
                const [stats, series] = await Promise.all([api('stats'), api('series')]);
                setMode(stats.operator, stats.queue);
                $('#count-pending').textContent = number(stats.pending);
                $('#count-processing').textContent = number(stats.processing);
                $('#count-completed').textContent = number(stats.completed);
                $('#count-failed').textContent = number(stats.failed);
                $('#in-flight').textContent = number(stats.inFlight);
                $('#oldest-due').textContent = duration(stats.oldestDueAgeSeconds);
                const orphans = stats.orphans;
                $('#orphans-note').textContent = !orphans.known
                    ? 'Orphans: unknown while no dispatcher runs.'
                    : orphans.total === 0
                        ? 'No orphans (' + orphans.runningNodes + ' running '
                            + (orphans.runningNodes === 1 ? 'dispatcher' : 'dispatchers') + ').'
                        : orphans.total + ' orphaned pending entries: no running dispatcher has their handler.';
                chart($('#chart-throughput'), series.samples, 'completedPerMinute', 'ok');
                chart($('#chart-lag'), series.samples, 'lagSeconds', 'warn');
                chart($('#chart-failures'), series.samples, 'failedPerMinute', 'bad');
                $('#updated-at').textContent = 'Updated ' + new Date().toLocaleTimeString();
            } catch (e) {
                // The banner says what is wrong; the next refresh tries again.
            }
        };
        await refresh();
        state.timer = setInterval(refresh, REFRESH_MS);
    }

    function chart(svg, samples, key, tone) {
        const width = 300;
        const height = 100;
        const values = samples.map((sample) => Number(sample[key] || 0));
        const max = Math.max(1, ...values);
        const children = [];
        const axis = document.createElementNS(SVG, 'line');
        axis.setAttribute('x1', '0');
        axis.setAttribute('y1', String(height - 0.5));
        axis.setAttribute('x2', String(width));
        axis.setAttribute('y2', String(height - 0.5));
        axis.setAttribute('class', 'axis');
        children.push(axis);
        if (values.length > 0) {
            const step = values.length > 1 ? width / (values.length - 1) : width;
            const points = values.map((value, index) =>
                (index * step).toFixed(1) + ',' + (height - 4 - (value / max) * (height - 16)).toFixed(1));
            if (values.length === 1) points.push(width + ',' + points[0].split(',')[1]);
            const line = document.createElementNS(SVG, 'polyline');
            line.setAttribute('points', points.join(' '));
            line.setAttribute('class', 'line ' + tone);
            children.push(line);
        }
        const label = document.createElementNS(SVG, 'text');
        label.setAttribute('x', '4');
        label.setAttribute('y', '11');
        label.setAttribute('class', 'chart-label');
        label.textContent = values.length === 0
            ? 'collecting samples…'
            : 'now ' + values[values.length - 1] + ' · max ' + max;
        children.push(label);
        svg.replaceChildren(...children);
        svg.setAttribute('data-points', String(values.length));
    }

    // ---- Handlers ----
    async function handlers() {
        mount('handlers-template');
        const refresh = async () => {
            try {
                const [stats, data] = await Promise.all([api('stats'), api('handlers')]);
                setMode(stats.operator, stats.queue);
                $('#handlers-note').textContent = (data.sampled
                    ? 'From the newest ' + number(data.sampleSize) + ' of ' + number(data.totalEntries) + ' entries. '
                    : 'All ' + number(data.totalEntries) + ' entries. ')
                    + 'p50/p99: time to complete, ' + data.timeToComplete + '.';
                const tbody = $('#handlers-table tbody');
                if (data.handlers.length === 0) {
                    emptyRow(tbody, 9, 'No entries yet.');
                    return;
                }
                tbody.replaceChildren(...data.handlers.map((h) => {
                    const name = el('span', h.handler);
                    const cell = document.createElement('span');
                    cell.appendChild(name);
                    if (h.orphan) cell.appendChild(el('span', 'orphan', 'badge bad'));
                    const tr = row([
                        cell,
                        h.eventType,
                        { text: number(h.pending), className: 'num' },
                        { text: number(h.processing), className: 'num' },
                        { text: number(h.failed), className: h.failed > 0 ? 'num bad-text' : 'num' },
                        { text: h.completionRate === null ? '–' : (h.completionRate * 100).toFixed(1) + ' %', className: 'num' },
                        { text: millis(h.p50Millis), className: 'num' },
                        { text: millis(h.p99Millis), className: 'num' },
                        { text: number(h.retries), className: 'num' }
                    ]);
                    if (h.orphan) tr.classList.add('orphan');
                    return tr;
                }));
            } catch (e) {
                // shown by the banner
            }
        };
        await refresh();
        state.timer = setInterval(refresh, REFRESH_MS * 2);
    }

    // ---- Entries ----
    function readFilter() {
        const filter = {};
        const put = (name, id) => {
            const value = $(id).value.trim();
            if (value) filter[name] = value;
        };
        put('status', '#filter-status');
        put('handler', '#filter-handler');
        put('eventType', '#filter-event-type');
        put('aggregateId', '#filter-aggregate');
        put('error', '#filter-error');
        ['from', 'to'].forEach((name) => {
            const value = $('#filter-' + name).value;
            if (value) filter[name] = new Date(value).toISOString();
        });
        return filter;
    }

    function writeFilter(filter) {
        $('#filter-status').value = filter.status || '';
        $('#filter-handler').value = filter.handler || '';
        $('#filter-event-type').value = filter.eventType || '';
        $('#filter-aggregate').value = filter.aggregateId || '';
        $('#filter-error').value = filter.error || '';
    }

    function filterBody(filter) {
        const body = {};
        Object.keys(filter).forEach((key) => {
            body[key] = ['status', 'handler', 'eventType'].includes(key) ? [filter[key]] : filter[key];
        });
        return body;
    }

    async function entries() {
        mount('entries-template');
        writeFilter(state.filter);
        setMode(state.operator);
        // The filter lives in the address, so that a filtered list can be reloaded, bookmarked or shared.
        const show = (filter) => {
            const query = new URLSearchParams(filter).toString();
            const target = '#/entries' + (query ? '?' + query : '');
            state.offset = 0;
            if (location.hash === target) {
                state.filter = filter;
                loadEntries();
            } else {
                location.hash = target;
            }
        };
        $('#filter-form').addEventListener('submit', (event) => {
            event.preventDefault();
            show(readFilter());
        });
        $('#filter-form').addEventListener('reset', (event) => {
            event.preventDefault();
            show({});
        });
        $('#page-prev').addEventListener('click', () => {
            state.offset = Math.max(0, state.offset - PAGE_SIZE);
            loadEntries();
        });
        $('#page-next').addEventListener('click', () => {
            state.offset += PAGE_SIZE;
            loadEntries();
        });
        $('#bulk-retry').addEventListener('click', () => bulk('retry'));
        $('#bulk-purge').addEventListener('click', () => bulk('purge'));
        try {
            const stats = await api('stats');
            setMode(stats.operator, stats.queue);
        } catch (e) {
            return;
        }
        await loadEntries();
    }

    async function loadEntries() {
        const params = new URLSearchParams(state.filter);
        params.set('offset', String(state.offset));
        params.set('limit', String(PAGE_SIZE));
        let page;
        try {
            page = await api('entries?' + params.toString());
        } catch (e) {
            if (e.status) $('#entries-total').textContent = e.message;
            return;
        }
        $('#entries-total').textContent = number(page.total) + ' matching entries';
        const tbody = $('#entries-table tbody');
        if (page.entries.length === 0) {
            emptyRow(tbody, 7, 'No entries match.');
        } else {
            tbody.replaceChildren(...page.entries.map((entry) => {
                const link = el('a', entry.eventType);
                link.href = '#/entry/' + encodeURIComponent(entry.id);
                const tr = row([
                    { text: entry.status, className: 'status ' + entry.status },
                    link,
                    entry.handler,
                    entry.aggregateId || '–',
                    { text: entry.attempts + '/' + entry.maxAttempts, className: 'num' },
                    time(entry.updatedAt),
                    { text: entry.error ? entry.error.split('\n')[0] : '', className: 'error-cell' }
                ]);
                tr.dataset.id = entry.id;
                return tr;
            }));
        }
        const last = Math.min(page.total, page.offset + page.entries.length);
        $('#page-info').textContent = page.total === 0 ? '' : (page.offset + 1) + '–' + last + ' of ' + page.total;
        $('#page-prev').disabled = page.offset === 0;
        $('#page-next').disabled = !page.hasMore;
    }

    async function bulk(action) {
        const result = $('#action-result');
        result.className = '';
        result.textContent = '';
        const body = filterBody(state.filter);
        let count;
        try {
            count = await api(action, { method: 'POST', body: JSON.stringify(Object.assign({ dryRun: true }, body)) });
        } catch (e) {
            result.textContent = e.message;
            result.className = 'bad-text';
            return;
        }
        if (count.total === 0) {
            result.textContent = action === 'retry'
                ? 'No failed entries match the filter: nothing to retry.'
                : 'No failed entries or orphans match the filter: nothing to purge.';
            return;
        }
        const text = action === 'retry'
            ? 'Retry ' + count.total + ' failed ' + (count.total === 1 ? 'entry' : 'entries')
                + ' matching the filter? They go back to pending with their full attempts.'
            : 'Permanently delete ' + count.total + ' ' + (count.total === 1 ? 'entry' : 'entries')
                + ' matching the filter (' + count.failed + ' failed, ' + count.orphans + ' orphans)?';
        if (!(await confirmAction(text))) return;
        try {
            const done = await api(action, { method: 'POST', body: JSON.stringify(Object.assign({ dryRun: false }, body)) });
            result.textContent = (action === 'retry' ? 'Retried ' : 'Purged ') + done.total
                + (done.total === 1 ? ' entry.' : ' entries.');
            result.className = 'ok-text';
        } catch (e) {
            result.textContent = e.message;
            result.className = 'bad-text';
        }
        await loadEntries();
    }

    function confirmAction(text) {
        const dialog = $('#confirm-dialog');
        $('#confirm-text').textContent = text;
        return new Promise((resolve) => {
            dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true });
            dialog.returnValue = '';
            dialog.showModal();
        });
    }

    // ---- Entry detail ----
    async function entry(id) {
        mount('entry-template');
        $('#entry-id').textContent = id;
        let data;
        try {
            const [stats, details] = await Promise.all([api('stats'), api('entries/' + encodeURIComponent(id))]);
            setMode(stats.operator, stats.queue);
            data = details;
        } catch (e) {
            if (e.status) $('#entry-facts').replaceChildren(el('dd', e.message, 'bad-text'));
            return;
        }
        const entry = data.entry;
        const facts = $('#entry-facts');
        [['Status', entry.status], ['Event type', entry.eventType], ['Event id', entry.eventId],
            ['Handler', entry.handler], ['Aggregate', entry.aggregateId || '–'],
            ['Attempts', entry.attempts + ' of ' + entry.maxAttempts], ['Created', time(entry.createdAt)],
            ['Changed', time(entry.updatedAt)], ['Next retry', time(entry.nextRetryAt)],
            ['Held by', entry.owner || '–'], ['Published by', entry.userId || '–']].forEach(([name, value]) => {
            facts.appendChild(el('dt', name));
            facts.appendChild(el('dd', value));
        });
        $('#entry-error').textContent = entry.error || 'No error.';
        $('#entry-payload').textContent = pretty(data.payload);
        const headers = $('#entry-headers');
        const names = Object.keys(data.headers);
        if (names.length === 0) headers.appendChild(el('dd', 'none', 'muted'));
        names.forEach((name) => {
            headers.appendChild(el('dt', name));
            headers.appendChild(el('dd', data.headers[name]));
        });
        $('#entry-siblings tbody').replaceChildren(...data.siblings.map((sibling) => {
            const link = el('a', sibling.handler);
            link.href = '#/entry/' + encodeURIComponent(sibling.id);
            return row([link, { text: sibling.status, className: 'status ' + sibling.status },
                { text: String(sibling.attempts), className: 'num' }, time(sibling.updatedAt)]);
        }));
        const audit = $('#entry-audit tbody');
        if (data.audit.length === 0) {
            emptyRow(audit, 6, 'No audit records kept for this event.');
        } else {
            audit.replaceChildren(...data.audit.map((record) => row([
                time(record.timestamp), record.action, record.handler || '–',
                { text: String(record.attempt), className: 'num' }, record.userId || '–',
                { text: record.error || '', className: 'error-cell' }])));
        }
    }

    function pretty(payload) {
        if (payload === null || payload === undefined) return '';
        try {
            return JSON.stringify(JSON.parse(payload), null, 2);
        } catch (e) {
            return payload;
        }
    }

    // ---- Nodes ----
    async function nodes() {
        mount('nodes-template');
        const refresh = async () => {
            try {
                const [stats, data] = await Promise.all([api('stats'), api('nodes')]);
                setMode(stats.operator, stats.queue);
                $('#nodes-note').textContent = data.nodes.length + ' running ' + (data.nodes.length === 1 ? 'dispatcher' : 'dispatchers')
                    + ', ' + number(data.processing) + ' entries in progress.';
                const tbody = $('#nodes-table tbody');
                if (data.nodes.length === 0) {
                    emptyRow(tbody, 4, 'No dispatcher runs on this queue now.');
                    return;
                }
                tbody.replaceChildren(...data.nodes.map((node) => row([
                    { text: node.owner, className: 'mono' },
                    time(node.lastSeen) + ' (' + node.lastSeenAgeSeconds + ' s ago)',
                    { text: number(node.entriesHeld), className: 'num' },
                    node.handlers.join(', ')])));
            } catch (e) {
                // shown by the banner
            }
        };
        await refresh();
        state.timer = setInterval(refresh, REFRESH_MS);
    }

    // ---- Routing ----
    function route() {
        if (state.timer) clearInterval(state.timer);
        state.timer = null;
        const hash = location.hash || '#/overview';
        const page = (hash.split('/')[1] || 'overview').split('?')[0];
        document.querySelectorAll('nav a').forEach((link) => {
            link.classList.toggle('active', link.dataset.page === page || (page === 'entry' && link.dataset.page === 'entries'));
        });
        if (page === 'handlers') return handlers();
        if (page === 'entries') {
            const query = hash.indexOf('?') >= 0 ? hash.substring(hash.indexOf('?') + 1) : '';
            state.filter = Object.fromEntries(new URLSearchParams(query));
            state.offset = 0;
            return entries();
        }
        if (page === 'nodes') return nodes();
        if (page === 'entry') return entry(decodeURIComponent(hash.split('/')[2] || ''));
        return overview();
    }

    document.addEventListener('DOMContentLoaded', () => {
        $('#token').value = token();
        $('#token-form').addEventListener('submit', (event) => {
            event.preventDefault();
            const value = $('#token').value.trim();
            if (value) sessionStorage.setItem('eventqueue-token', value);
            else sessionStorage.removeItem('eventqueue-token');
            route();
        });
        window.addEventListener('hashchange', route);
        route();
    });
})();
