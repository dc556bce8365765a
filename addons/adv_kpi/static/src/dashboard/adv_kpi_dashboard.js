/** @odoo-module **/
// Copyright 2026 ADV Suite
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import {Component, onWillStart, useState} from "@odoo/owl";
import {registry} from "@web/core/registry";
import {useService} from "@web/core/utils/hooks";

const SPARK_WIDTH = 120;
const SPARK_HEIGHT = 28;

/**
 * The ADV Dashboard: one tile per KPI of the chosen period, company and
 * handler, with its target, traffic light, trend and sparkline. Clicking a
 * tile opens the records behind its numerator.
 */
export class AdvKpiDashboard extends Component {
    static template = "adv_kpi.Dashboard";
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.notification = useService("notification");
        this.state = useState({
            data: null,
            loading: false,
            params: {
                period_type: "month",
                date: false,
                date_from: false,
                date_to: false,
                company_id: false,
                handler_id: false,
            },
        });
        onWillStart(() => this.load());
    }

    get categories() {
        const groups = [];
        for (const tile of this.state.data ? this.state.data.tiles : []) {
            let group = groups.find((g) => g.key === tile.category);
            if (!group) {
                group = {key: tile.category, label: tile.category_label, tiles: []};
                groups.push(group);
            }
            group.tiles.push(tile);
        }
        return groups;
    }

    async load(refresh = false) {
        this.state.loading = true;
        try {
            const method = refresh ? "action_refresh" : "get_dashboard";
            const data = await this.orm.call("adv.kpi.dashboard", method, [
                this.state.params,
            ]);
            this.state.data = data;
            if (data.queued) {
                this.notification.add(data.queued.message, {type: "info"});
            }
            Object.assign(this.state.params, {
                date_from: data.date_from,
                date_to: data.date_to,
                company_id: data.company_id,
                handler_id: data.handler_id,
            });
            if (data.period_type !== "custom") {
                this.state.params.date = data.date_from;
            }
        } finally {
            this.state.loading = false;
        }
    }

    onPeriodType(ev) {
        this.state.params.period_type = ev.target.value;
        if (ev.target.value !== "custom") {
            this.load();
        }
    }

    onDate(ev) {
        this.state.params.date = ev.target.value || false;
        this.load();
    }

    onCustom(field, ev) {
        this.state.params[field] = ev.target.value || false;
    }

    applyCustom() {
        this.load();
    }

    shift(step) {
        const params = this.state.params;
        if (params.period_type === "custom") {
            const from = luxon.DateTime.fromISO(params.date_from);
            const to = luxon.DateTime.fromISO(params.date_to);
            const days = to.diff(from, "days").days + 1;
            params.date_from = from.plus({days: step * days}).toISODate();
            params.date_to = to.plus({days: step * days}).toISODate();
        } else {
            const months = {month: 1, quarter: 3, year: 12}[params.period_type];
            params.date = luxon.DateTime.fromISO(this.state.data.date_from)
                .plus({months: step * months})
                .toISODate();
        }
        this.load();
    }

    onCompany(ev) {
        this.state.params.company_id = parseInt(ev.target.value, 10) || false;
        this.state.params.handler_id = false;
        this.load();
    }

    onHandler(ev) {
        this.state.params.handler_id = parseInt(ev.target.value, 10) || false;
        this.load();
    }

    refresh() {
        this.load(true);
    }

    print() {
        return this.action.doAction({
            type: "ir.actions.report",
            report_type: "qweb-pdf",
            report_name: "adv_kpi.report_adv_kpi_dashboard",
            report_file: "adv_kpi.report_adv_kpi_dashboard",
            data: {params: {...this.state.params}},
            context: {},
        });
    }

    async openTile(tile) {
        const action = await this.orm.call("adv.kpi.dashboard", "action_drill", [
            tile.id,
            this.state.params,
        ]);
        return this.action.doAction(action);
    }

    trendIcon(tile) {
        return {up: "fa-arrow-up", down: "fa-arrow-down", flat: "fa-arrow-right"}[
            tile.trend
        ];
    }

    trendClass(tile) {
        if (tile.trend_good === true) {
            return "text-success";
        }
        if (tile.trend_good === false) {
            return "text-danger";
        }
        return "text-muted";
    }

    sparkline(tile) {
        const values = tile.history;
        const known = values.filter((v) => v !== null && v !== undefined);
        if (known.length < 2) {
            return "";
        }
        const min = Math.min(...known);
        const max = Math.max(...known);
        const span = max - min || 1;
        const step = SPARK_WIDTH / (values.length - 1);
        const points = [];
        values.forEach((value, index) => {
            if (value !== null && value !== undefined) {
                const x = (index * step).toFixed(1);
                const y = (SPARK_HEIGHT - 2 - ((value - min) / span) * (SPARK_HEIGHT - 4)).toFixed(1);
                points.push(`${x},${y}`);
            }
        });
        return points.join(" ");
    }
}

registry.category("actions").add("adv_kpi.dashboard", AdvKpiDashboard);
