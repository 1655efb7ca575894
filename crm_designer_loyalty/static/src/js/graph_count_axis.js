/** @odoo-module **/
// Counts have whole-number ticks on the value axis of the graph views (Odoo
// lets Chart.js choose steps such as 0.5 clients and writes them "0.50"):
// the count measure and the integer fields step by whole numbers, written
// without decimals.
import { patch } from "@web/core/utils/patch";
import { GraphRenderer } from "@web/views/graph/graph_renderer";

patch(GraphRenderer.prototype, {
    getScaleOptions() {
        const scales = super.getScaleOptions(...arguments);
        const { fieldAttrs, fields, measure } = this.model.metaData;
        if (scales.y && (measure === "__count" || fields[measure]?.type === "integer")) {
            scales.y.ticks.precision = 0;
            scales.y.ticks.callback = (value) =>
                this.formatValue(value, true, fieldAttrs[measure]?.widget);
        }
        return scales;
    },
});
