package io.nowserving.desktop.admin;

import io.nowserving.desktop.common.Messages;
import io.nowserving.shared.api.StatsSummary.ClerkKpis;
import io.nowserving.shared.api.StatsSummary.CounterKpis;
import io.nowserving.shared.api.StatsSummary.ServiceKpis;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Per service, per counter and per clerk over a range of days: sortable tables. */
final class TablesView {
    private final Messages words;
    private final AdminText text;
    private final Node root;

    TablesView(TablesViewModel vm, Messages words) {
        this.words = words;
        this.text = new AdminText(words);
        TableView<ServiceKpis> services = Tables.table("perService", words.get("tables.empty"));
        services.getColumns().addAll(java.util.List.of(
                Tables.column(words.get("col.service"), ServiceKpis::name),
                Tables.column(words.get("col.issued"), (ServiceKpis s) -> s.kpis().issued()),
                Tables.column(words.get("col.served"), (ServiceKpis s) -> s.kpis().served()),
                Tables.column(words.get("col.noShow"), (ServiceKpis s) -> s.kpis().noShow()),
                Tables.column(words.get("col.waitP50"), (ServiceKpis s) -> s.kpis().waitP50Seconds(),
                        text::duration),
                Tables.column(words.get("col.waitP90"), (ServiceKpis s) -> s.kpis().waitP90Seconds(),
                        text::duration),
                Tables.column(words.get("col.serviceLevel"), (ServiceKpis s) -> s.kpis().serviceLevel(),
                        text::percent),
                Tables.column(words.get("col.target"), ServiceKpis::targetWaitSeconds, text::duration)));
        services.setItems(vm.services);
        TableView<CounterKpis> counters = Tables.table("perCounter", words.get("tables.empty"));
        counters.getColumns().addAll(java.util.List.of(
                Tables.column(words.get("col.counter"), CounterKpis::name),
                Tables.column(words.get("col.calls"), CounterKpis::calls),
                Tables.column(words.get("col.served"), CounterKpis::served),
                Tables.column(words.get("col.noShow"), CounterKpis::noShow),
                Tables.column(words.get("col.serviceP50"), CounterKpis::serviceP50Seconds, text::duration),
                Tables.column(words.get("col.serviceP90"), CounterKpis::serviceP90Seconds, text::duration),
                Tables.column(words.get("col.idle"), CounterKpis::idleWhileWaitingSeconds, text::duration)));
        counters.setItems(vm.counters);
        TableView<ClerkKpis> clerks = Tables.table("perClerk", words.get("tables.empty"));
        clerks.getColumns().addAll(java.util.List.of(
                Tables.column(words.get("col.clerk"), (ClerkKpis c) -> c.username() == null ? c.clerk()
                        : c.username()),
                Tables.column(words.get("col.calls"), ClerkKpis::calls),
                Tables.column(words.get("col.served"), ClerkKpis::served),
                Tables.column(words.get("col.noShow"), ClerkKpis::noShow),
                Tables.column(words.get("col.serviceP50"), ClerkKpis::serviceP50Seconds, text::duration),
                Tables.column(words.get("col.serviceP90"), ClerkKpis::serviceP90Seconds, text::duration)));
        clerks.setItems(vm.clerks);
        VBox body = new VBox(8, AdminView.range(vm.from, vm.to, vm::load, words, "tables"),
                section("tables.services"), grow(services), section("tables.counters"), grow(counters),
                section("tables.clerks"), grow(clerks));
        body.getStyleClass().add("tab-body");
        root = AdminView.withLoading(body, vm.load, words);
    }

    Node root() {
        return root;
    }

    private static <T extends javafx.scene.layout.Region> T grow(T n) {
        VBox.setVgrow(n, Priority.ALWAYS);
        n.setPrefHeight(160);
        return n;
    }

    private Label section(String key) {
        Label l = new Label(words.get(key));
        l.getStyleClass().add("section");
        return l;
    }
}
