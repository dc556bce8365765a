# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A French ADV department at work, for the demo database.

A French company (SAS in Paris, SIREN/SIRET, French VAT number, EUR, Odoo's
French chart of accounts and 20 % VAT) with its ADV team, customers and
products, and a year of activity dated back from the install day: orders
received and acknowledged, entry errors, partial deliveries and remainders,
invoices paid on time, late or not at all, weekly dunning runs sent at every
level up to the formal notice and collection, a payment promise, claims in
every stage with every correction. Everything goes through the ORM as the
team would have done it, in date order, so that each dunning run sees the
payments of its day only. The variations come from ranks, not from chance:
two installs give the same history.

Not a model: the demo data of adv_demo_fr calls it once.
"""

import logging
from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.tools import SQL

from odoo.addons.adv_kpi.demo.history import DemoHistory
from odoo.addons.adv_orders.protected import protected

_logger = logging.getLogger(__name__)

MONTHS = 12
ORDERS_PER_MONTH = 22


def luhn_digit(digits):
    """The digit that makes ``digits`` + it pass the Luhn check (SIREN, SIRET)."""
    for last in range(10):
        total = 0
        for index, char in enumerate(reversed(f"{digits}{last}")):
            value = int(char) * (2 if index % 2 else 1)
            total += value - 9 if value > 9 else value
        if total % 10 == 0:
            return str(last)
    raise ValueError(digits)


def siren_of(number):
    base = f"{number:08d}"
    return base + luhn_digit(base)


def siret_of(siren, establishment=1):
    base = f"{siren}{establishment:04d}"
    return base + luhn_digit(base)


def vat_of(siren):
    return f"FR{(12 + 3 * (int(siren) % 97)) % 97:02d}{siren}"


# name, city, zip, street, payment terms key, backorder policy, dunning policy key
CUSTOMERS = [
    ("Électricité Moderne Lyon", "Lyon", "69003", "14 rue Paul Bert", "30", "partial", "std"),
    (
        "Bâtiment Services Nantes",
        "Nantes",
        "44000",
        "3 quai de la Fosse",
        "45eom",
        "partial",
        "std",
    ),
    (
        "Rénov'Habitat Bordeaux",
        "Bordeaux",
        "33000",
        "27 cours Victor Hugo",
        "30",
        "complete",
        "std",
    ),
    ("SARL Durand & Fils", "Lille", "59000", "8 rue Nationale", "60", "partial", "std"),
    ("Installations Martin", "Toulouse", "31000", "41 allées Jean Jaurès", "30", "cancel", "std"),
    ("Groupe Immobilier Azur", "Nice", "06000", "2 avenue Jean Médecin", "45eom", "partial", "key"),
    ("Clinique Saint-Roch", "Montpellier", "34000", "56 rue de la Loge", "60", "complete", "key"),
    (
        "Lycée technique Eiffel",
        "Dijon",
        "21000",
        "15 rue Charles de Gaulle",
        "30",
        "partial",
        "std",
    ),
    (
        "Hôtel Le Méridien Paris Est",
        "Paris",
        "75010",
        "4 boulevard de Magenta",
        "30",
        "partial",
        "key",
    ),
    ("Électro Pro Strasbourg", "Strasbourg", "67000", "22 rue du Dôme", "45eom", "cancel", "std"),
    (
        "Bricorama Grenoble Sud",
        "Grenoble",
        "38000",
        "9 avenue Alsace-Lorraine",
        "30",
        "partial",
        "std",
    ),
    (
        "Mairie de Villeurbanne",
        "Villeurbanne",
        "69100",
        "Place Lazare Goujon",
        "60",
        "complete",
        "key",
    ),
    ("Atelier Lumière Rennes", "Rennes", "35000", "11 rue Le Bastard", "30", "partial", "std"),
    ("Constructions Bretonnes", "Brest", "29200", "18 rue de Siam", "45eom", "partial", "std"),
    ("Énergies Provence", "Marseille", "13001", "73 La Canebière", "30", "cancel", "std"),
    ("Domotique Avenir", "Tours", "37000", "6 rue Nationale", "60", "partial", "std"),
    (
        "Centre Commercial Les Arcades",
        "Noisy-le-Grand",
        "93160",
        "Place de l'Arcade",
        "45eom",
        "complete",
        "key",
    ),
    ("Résidences du Parc", "Reims", "51100", "31 place Drouet d'Erlon", "30", "partial", "std"),
    ("Câblage Industriel Normand", "Rouen", "76000", "12 rue Jeanne d'Arc", "30", "partial", "std"),
]
# The sole trader: an individual with a SIRET (a professional, who owes the
# 40 EUR indemnity).
SOLE_TRADER = ("Pierre Lambert (électricien)", "Angers", "49000", "5 rue Lenepveu")

# name, reference, price, unit xmlid (stock unit), sold in (line unit xmlid), stock
PRODUCTS = [
    ("Projecteur LED 50 W", "LED-50", 89.0, "uom.product_uom_unit", None, 400.0),
    ("Disjoncteur 16 A", "DJ-16", 12.5, "uom.product_uom_unit", None, 3000.0),
    ("Tableau électrique 2 rangées", "TE-2R", 145.0, "uom.product_uom_unit", None, 60.0),
    ("Câble électrique 3G2,5", "CAB-325", 1.35, "uom.product_uom_meter", None, 20000.0),
    ("Boîte de dérivation étanche", "BD-IP55", 3.2, "uom.product_uom_unit",
     "uom.product_uom_dozen", 2000.0),
    ("Vis inox A2 4x30", "VIS-430", 18.0, "uom.product_uom_kgm", None, 500.0),
    ("Gaine ICTA 20 mm", "ICTA-20", 0.95, "uom.product_uom_meter", None, 15000.0),
    ("Détecteur de mouvement", "DET-MV", 34.0, "uom.product_uom_unit", None, 40.0),
]  # fmt: skip
REASONS = (
    "Carton écrasé à la livraison",
    "Colis manquant",
    "Référence livrée différente",
    "Prix facturé erroné",
    "Carton écrasé à la livraison",
    "Livré avec 8 jours de retard",
)
# quantities of a line, by product index, in the line's unit
QUANTITIES = [(4, 10, 2), (20, 50, 100), (1, 2, 3), (100, 250, 500), (2, 5, 10), (1, 3, 5),
              (50, 100, 200), (2, 6, 12)]  # fmt: skip


class FrenchDemo:
    """``FrenchDemo(env).build()``"""

    def __init__(self, env):
        self.env = env(context=dict(env.context, tracking_disable=True, mail_notrack=True,
                                    mail_create_nolog=True, mail_create_nosubscribe=True,
                                    lang="en_US"))  # fmt: skip
        self.ref = self.env.ref
        self.today = fields.Date.context_today(self.env.user)
        self.counts = {}

    # ------------------------------------------------------------------
    # Set-up
    # ------------------------------------------------------------------
    def build(self):
        if self.ref("adv_demo_fr.company", raise_if_not_found=False):
            return False
        company = self._company()
        self.company = company
        self.env = self.env(
            context=dict(self.env.context, allowed_company_ids=company.ids)
        )  # fmt: skip
        users = self._users(company)
        self.handlers = users["assistants"]
        self.manager = users["manager"]
        self.terms = self._payment_terms(company)
        self.policies = self._policies(company)
        self.customers = self._customers(company)
        self.products = self._products(company)
        self.warehouse = self.env["stock.warehouse"].search(
            [("company_id", "=", company.id)], limit=1
        )
        self._ack_rule(company)
        self._gesture_product(company)
        self._history()
        self._promise()
        self._recent_orders()
        self._ratings()
        _logger.info("French demo company built: %s", self.counts)
        return company

    def _company(self):
        eur = self.ref("base.EUR")
        eur.active = True
        siren = siren_of(83214567)
        # no automatic install of the localisation modules: the chart is
        # loaded below, from l10n_fr_account this addon depends on
        company = (
            self.env["res.company"]
            .with_context(chart_template_load=True)
            .create(
                {
                    "name": "Lumière Équipements SAS",
                    "street": "18 rue de la Chaussée-d'Antin",
                    "zip": "75009",
                    "city": "Paris",
                    "country_id": self.ref("base.fr").id,
                    "currency_id": eur.id,
                    "phone": "+33 1 42 68 55 00",
                    "email": "adv@lumiere-equipements.example.com",
                    "vat": vat_of(siren),
                    "company_registry": f"{siren} R.C.S. Paris",
                }
            )
        )
        company.partner_id.siret = siret_of(siren)
        self.env["ir.model.data"].create(
            {"name": "company", "module": "adv_demo_fr", "model": "res.company",
             "res_id": company.id, "noupdate": True}
        )  # fmt: skip
        # the French chart of l10n_fr_account, already installed (a dependency)
        self.env["account.chart.template"]._load("fr", company, install_demo=False)
        if not self.env["stock.warehouse"].search([("company_id", "=", company.id)]):
            self.env["stock.warehouse"].create(
                {"name": "Entrepôt de Gennevilliers", "code": "GEN", "company_id": company.id,
                 "partner_id": company.partner_id.id}
            )  # fmt: skip
        company.write(
            {
                "adv_invoice_discount_terms": "Pas d'escompte pour paiement anticipé",
                "adv_dunning_ecb_rate": 2.15,
                "adv_dunning_rate_points": 10.0,
                # the surveys of the past year are answered below, dated back
                "adv_claim_rating": False,
            }
        )
        # the admin works in the French company by default; Odoo's own demo
        # company stays as it is
        admin = self.ref("base.user_admin")
        admin.write({"company_ids": [Command.link(company.id)], "company_id": company.id})
        return company

    def _no_enrichment(self):
        """No call to Odoo's partner autocomplete service (partner_autocomplete,
        when installed) for a company that does not exist."""
        if "iap_enrich_auto_done" in self.env["res.company"]._fields:
            return {"iap_enrich_auto_done": True}
        return {}

    def _users(self, company):
        self.env["res.lang"]._activate_lang("fr_FR")
        base = [self.ref("base.group_user").id]
        adv_user = self.ref("adv_orders.group_adv_user").id
        specs = [
            ("camille", "Camille Martin", "Assistante ADV", [adv_user]),
            ("julien", "Julien Bernard", "Assistant ADV", [adv_user]),
            ("sophie", "Sophie Lefèvre", "Responsable ADV",
             [self.ref("adv_orders.group_adv_manager").id]),
            ("marc", "Marc Dubois", "Magasinier", [self.ref("stock.group_stock_user").id]),
            ("claire", "Claire Moreau", "Comptable",
             [self.ref("account.group_account_invoice").id]),
        ]  # fmt: skip
        users = (
            self.env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                [
                    {
                        "login": login,
                        "password": login,
                        "name": name,
                        "email": f"{login}@lumiere-equipements.example.com",
                        "function": function,
                        "lang": "fr_FR",
                        "tz": "Europe/Paris",
                        "company_id": company.id,
                        "company_ids": [Command.set(company.ids)],
                        "groups_id": [Command.set(base + groups)],
                    }
                    for login, name, function, groups in specs
                ]
            )
        )
        for user, (login, *_rest) in zip(users, specs, strict=True):
            self._xmlid(f"user_{login}", user)
        return {"assistants": users[:2], "manager": users[2]}

    def _xmlid(self, name, record):
        self.env["ir.model.data"].create(
            {"name": name, "module": "adv_demo_fr", "model": record._name, "res_id": record.id,
             "noupdate": True}
        )  # fmt: skip

    def _payment_terms(self, company):
        Term = self.env["account.payment.term"]
        return {
            "30": Term.create(
                {"name": "30 jours", "company_id": company.id,
                 "line_ids": [Command.create({"value": "percent", "value_amount": 100.0,
                                              "nb_days": 30})]}
            ),
            "45eom": Term.create(
                {"name": "45 jours fin de mois", "company_id": company.id,
                 "line_ids": [Command.create({"value": "percent", "value_amount": 100.0,
                                              "nb_days": 45,
                                              "delay_type": "days_after_end_of_month"})]}
            ),
            "60": Term.create(
                {"name": "60 jours", "company_id": company.id,
                 "line_ids": [Command.create({"value": "percent", "value_amount": 100.0,
                                              "nb_days": 60})]}
            ),
        }  # fmt: skip

    def _policies(self, company):
        channel = {code: self.ref(f"adv_dunning.adv_dunning_channel_{code}")
                   for code in ("email", "letter", "registered", "phone")}  # fmt: skip

        def level(sequence, name, days, document, channels, **extra):
            return Command.create(
                {"sequence": sequence, "name": name, "days": days, "document_type": document,
                 "channel_ids": [Command.set([channel[c].id for c in channels])], **extra}
            )  # fmt: skip

        Policy = self.env["adv.dunning.policy"]
        standard = Policy.create(
            {
                "name": "Relances standard",
                "company_id": company.id,
                "min_gap_days": 7,
                "min_amount": 10.0,
                "grace_days": 3,
                "level_ids": [
                    level(10, "Relance amiable", 5, "courteous", ["email"], send_mode="auto"),
                    level(20, "Relance ferme", 15, "firm", ["email"]),
                    level(30, "Appel téléphonique", 25, "firm", ["phone"]),
                    level(40, "Mise en demeure", 40, "formal_notice", ["email", "registered"],
                          charge_fee=True, charge_interest=True, block_sales=True),
                    level(50, "Recouvrement", 60, "formal_notice", ["letter"],
                          block_sales=True, open_collection_case=True),
                ],
            }
        )  # fmt: skip
        key_accounts = Policy.create(
            {
                "name": "Grands comptes",
                "company_id": company.id,
                "min_gap_days": 14,
                "min_amount": 100.0,
                "grace_days": 10,
                "level_ids": [
                    level(10, "Rappel courtois", 10, "courteous", ["email"], send_mode="auto"),
                    level(20, "Appel du responsable ADV", 30, "firm", ["phone"]),
                    level(30, "Mise en demeure", 50, "formal_notice", ["email", "registered"],
                          charge_fee=True, charge_interest=True),
                ],
            }
        )  # fmt: skip
        company.adv_dunning_policy_id = standard
        return {"std": standard, "key": key_accounts}

    def _customers(self, company):
        Partner = self.env["res.partner"]
        vals_list = []
        for index, (name, city, zip_code, street, term, policy, dunning) in enumerate(CUSTOMERS):
            siren = siren_of(41200000 + index * 7919)
            vals_list.append(
                {
                    "name": name,
                    "is_company": True,
                    "street": street,
                    "zip": zip_code,
                    "city": city,
                    "country_id": self.ref("base.fr").id,
                    "vat": vat_of(siren),
                    "siret": siret_of(siren),
                    "company_registry": siren,
                    "email": f"compta{index + 1}@client{index + 1}.example.com",
                    "phone": f"+33 4 72 {10 + index:02d} 45 {20 + index:02d}",
                    "lang": "fr_FR",
                    "property_payment_term_id": self.terms[term].id,
                    "adv_backorder_policy": policy,
                    "adv_dunning_policy_id": self.policies[dunning].id,
                    "adv_notify_partial_shipment": index % 3 == 0,
                }
            )
        name, city, zip_code, street = SOLE_TRADER
        siren = siren_of(51700321)
        vals_list.append(
            {
                "name": name, "is_company": False, "street": street, "zip": zip_code,
                "city": city, "country_id": self.ref("base.fr").id, "siret": siret_of(siren),
                "company_registry": siren, "email": "pierre.lambert@example.com",
                "mobile": "+33 6 12 34 56 78", "lang": "fr_FR",
                "property_payment_term_id": self.terms["30"].id,
                "adv_dunning_policy_id": self.policies["std"].id,
            }
        )  # fmt: skip
        customers = Partner.with_company(self.company).create(vals_list)
        # an invoicing contact, and the portal customer
        contact = Partner.create(
            {"name": "Nathalie Roux", "parent_id": customers[0].id, "type": "invoice",
             "email": "nathalie.roux@client1.example.com", "function": "Comptable fournisseurs",
             "lang": "fr_FR"}
        )  # fmt: skip
        portal = self.env["res.users"].with_context(no_reset_password=True).create(
            {"login": "client", "password": "client", "partner_id": contact.id,
             "company_id": self.company.id, "company_ids": [Command.set(self.company.ids)],
             "groups_id": [Command.set([self.ref("base.group_portal").id])]}
        )  # fmt: skip
        self._xmlid("user_portal", portal)
        for index, customer in enumerate(customers):
            self._xmlid(f"customer_{index + 1}", customer)
        return customers

    def _products(self, company):
        tax = self.env["account.tax"].search(
            [("company_id", "=", company.id), ("type_tax_use", "=", "sale"),
             ("amount", "=", 20.0), ("amount_type", "=", "percent")], limit=1,
        )  # fmt: skip
        templates = self.env["product.template"].create(
            [
                {
                    "name": name,
                    "default_code": code,
                    "list_price": price,
                    "type": "consu",
                    "is_storable": True,
                    "uom_id": self.ref(uom).id,
                    "uom_po_id": self.ref(uom).id,
                    "company_id": company.id,
                    "taxes_id": [Command.set(tax.ids)],
                    "invoice_policy": "delivery",
                }
                for name, code, price, uom, _sale_uom, _stock in PRODUCTS
            ]
        )
        products = templates.product_variant_ids
        warehouse = self.env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1)
        for product, spec in zip(products, PRODUCTS, strict=True):
            self.env["stock.quant"].with_company(company)._update_available_quantity(
                product, warehouse.lot_stock_id, spec[5] * 6
            )
        return products

    def _gesture_product(self, company):
        product = self.env["product.product"].create(
            {"name": "Geste commercial", "type": "service", "company_id": company.id,
             "invoice_policy": "order", "taxes_id": [Command.clear()]}
        )  # fmt: skip
        company.adv_claim_gesture_product_id = product

    def _ack_rule(self, company):
        self.env["adv.ack.rule"].create(
            {
                "name": "Accusé de réception standard",
                "company_id": company.id,
                "sequence": 10,
                "send_mode": "manual",
                "sla_hours": 8,
                "check_client_ref": True,
                "check_payment_term": True,
                "check_payment_term_legal": True,
                "check_discount": True,
                "max_discount": 15.0,
                "check_credit_hold": True,
            }
        )

    # ------------------------------------------------------------------
    # A year of activity, in date order
    # ------------------------------------------------------------------
    def _history(self):
        """Orders of each day, payments of each day and a dunning run each
        Monday, in date order."""
        start = self.today.replace(day=1) - relativedelta(months=MONTHS - 1)
        events = []  # (day, order of the kind, kind, payload)
        rank = 0
        for month in range(MONTHS):
            first = start + relativedelta(months=month)
            count = ORDERS_PER_MONTH + (month % 3) - 1
            for index in range(count):
                day = first + timedelta(days=(index * 28) // count)
                if day >= self.today - timedelta(days=6):
                    break
                events.append((day, 0, "order", rank))
                rank += 1
        monday = start + timedelta(days=(7 - start.weekday()) % 7)
        while monday < self.today:
            events.append((monday, 2, "dunning", None))
            monday += timedelta(days=7)
        self.payments = []
        events.sort(key=lambda event: (event[0], event[1]))
        while events or self.payments:
            # payments fall between the other events, on their own day
            if self.payments and (not events or self.payments[0][0] <= events[0][0]):
                day, invoices = self.payments.pop(0)
                while self.payments and self.payments[0][0] == day:  # one batch a day
                    invoices |= self.payments.pop(0)[1]
                self._pay(invoices, day)
                continue
            day, _order, kind, payload = events.pop(0)
            if kind == "order":
                self._order(payload, day)
            else:
                self._dunning(day)
        self.counts["orders"] = rank

    def _order(self, rank, day):
        # a customer on credit hold orders nothing until it paid
        self.customers.invalidate_recordset(["adv_credit_hold"])
        for step in range(len(self.customers)):
            customer = self.customers[(rank * 7 + step) % len(self.customers)]
            if not customer.adv_credit_hold:
                break
        handler = self.handlers[rank % 2] if rank % 11 else self.manager
        received = datetime.combine(day, time(8 + rank % 9, (rank * 13) % 60))
        lines = []
        for position in range(1 + rank % 3):
            index = (rank + position * 3) % len(self.products)
            product = self.products[index]
            sale_uom = PRODUCTS[index][4]
            vals = {
                "product_id": product.id,
                "product_uom_qty": QUANTITIES[index][(rank + position) % 3],
            }
            if sale_uom:
                vals["product_uom"] = self.ref(sale_uom).id
            if rank % 9 == 4 and not position:
                vals["discount"] = 5.0
            lines.append(Command.create(vals))
        order = self.env["sale.order"].create(
            {
                "partner_id": customer.id,
                "company_id": self.company.id,
                "client_order_ref": f"BC-{day:%y%m}-{rank:04d}",
                "adv_user_id": handler.id,
                "user_id": handler.id,
                "adv_intake_channel": ("email", "phone", "edi", "email")[rank % 4],
                "adv_received_date": received,
                "commitment_date": received + timedelta(days=6),
                "warehouse_id": self.warehouse.id,
                "order_line": lines,
            }
        )
        order = protected(order)
        order.with_context(adv_ack_history=True).action_confirm()
        late_ack = rank % 6 == 1
        # confirmed 30 minutes to 2 hours after reception, before the acknowledgement
        confirmed = received + timedelta(minutes=30 + 20 * (rank % 5))
        order.write(
            {
                "date_order": confirmed,
                "adv_confirmed_date": confirmed,
                "adv_ack_state": "acknowledged",
                "adv_ack_date": received + timedelta(hours=11 if late_ack else 2 + rank % 5),
                "adv_ack_deadline": received + timedelta(hours=8),
                "adv_promised_date": received + timedelta(days=6),
            }
        )
        if rank % 37 == 20:  # the customer cancels the next morning
            with_cancel = protected(order)
            with_cancel._action_cancel()
            with_cancel.adv_cancelled_date = confirmed + timedelta(hours=20)
            self.counts["cancelled"] = self.counts.get("cancelled", 0) + 1
            return
        if rank % 6 == 3:
            self.env["adv.order.error"].create(
                {
                    "order_id": order.id,
                    "error_type": ("quantity", "price", "address", "product", "delay")[rank % 5],
                    "description": (
                        "Quantité saisie en unités au lieu de douzaines",
                        "Prix de l'ancien tarif",
                        "Adresse de livraison du siège au lieu du chantier",
                        "Référence voisine saisie par erreur",
                        "Date de livraison promise impossible",
                    )[rank % 5],
                    "user_id": handler.id,
                    "date": received + timedelta(hours=3),
                }
            )
            self.counts["errors"] = self.counts.get("errors", 0) + 1
        # shipped in 2 to 8 days; one order in five in two deliveries, the
        # second one 10 days later (not yet for the last weeks: remainders)
        shipped = received + timedelta(days=2 + rank % 7, hours=5)
        if shipped.date() >= self.today:
            return
        partial = rank % 5 == 2 and customer.adv_backorder_policy == "partial"
        self._ship(order, shipped, partial)
        if partial and shipped.date() + timedelta(days=10) < self.today - timedelta(days=20):
            self._ship(order, shipped + timedelta(days=10), False)
        invoiced = shipped.date() + timedelta(days=(0, 1, 0, 3, 1, 0, 5)[rank % 7])
        invoices = self._invoice(order, min(invoiced, self.today - timedelta(days=1)), rank)
        if invoices and rank % 8 == 5:
            self._claim(order, invoices, shipped.date(), rank)

    def _ship(self, order, when, partial):
        """Deliver the order's open picking on ``when`` (partly: two units
        short on its first line), as adv_kpi's demo history does."""
        DemoHistory(self.env)._demo_ship(order, when, partial)

    def _invoice(self, order, day, rank):
        if not any(line.qty_to_invoice for line in order.order_line):
            return self.env["account.move"]
        invoices = order._create_invoices()
        invoices.write({"invoice_date": day, "date": day})
        invoices.action_post()
        self._schedule_payment(invoices, rank)
        return invoices

    def _schedule_payment(self, invoices, rank):
        due = max(invoices.mapped("invoice_date_due"))
        # on time most of the time, 12 to 50 days late one in four, not paid
        # one in nine
        if rank % 9 == 4:
            return
        late = rank % 4 == 0
        paid_on = due + timedelta(days=12 + rank % 39) if late else due - timedelta(days=rank % 4)
        if paid_on < self.today:
            self.payments.append((paid_on, invoices))
            self.payments.sort(key=lambda payment: payment[0])

    def _pay(self, invoices, day):
        invoices = invoices.filtered(lambda m: m.payment_state in ("not_paid", "partial"))
        if not invoices:
            return
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoices.ids
        ).create({"payment_date": day})._create_payments()

    def _dunning(self, day):
        run = self.env["adv.dunning.run"].create({"company_id": self.company.id, "date": day})
        run.action_compute()
        letters = run.letter_ids
        if not letters:
            run.unlink()
            return
        protected(letters).write({"state": "to_send"})
        letters._adv_mark_sent()
        protected(run).write({"state": "sent"})
        protected(letters).write({"date_sent": datetime.combine(day, time(9, 0))})
        letters.line_ids.filtered("level_id").move_id.sudo().write({"adv_dunning_date": day})
        notices = letters.filtered("is_registered")
        for index, notice in enumerate(notices):
            notice.write(
                {"registered_number": f"1A {120045 + notice.id:06d} {index:04d} 2",
                 "registered_date": day + timedelta(days=1),
                 "receipt_date": day + timedelta(days=3)}
            )  # fmt: skip
        self.counts["letters"] = self.counts.get("letters", 0) + len(letters)

    # ------------------------------------------------------------------
    # Claims
    # ------------------------------------------------------------------
    def _claim(self, order, invoices, day, rank):
        """A claim a few days after the delivery; its stage and correction
        depend on its age and rank."""
        number = self.counts.get("claims", 0)
        self.counts["claims"] = number + 1
        types = ("damaged", "missing", "wrong_product", "invoicing", "damaged", "late")
        causes = ("transport_damage", "picking_error", "picking_error", "order_entry",
                  "transport_damage", "supplier")  # fmt: skip
        kind = number % len(types)
        received = datetime.combine(day + timedelta(days=2), time(10, 30))
        line = order.order_line[0]
        claim = self.env["adv.claim"].create(
            {
                "partner_id": order.partner_id.id,
                "company_id": self.company.id,
                "type_id": self.ref(f"adv_claims.adv_claim_type_{types[kind]}").id,
                "sale_order_id": order.id,
                "picking_ids": [Command.set(order.picking_ids.filtered("date_done").ids)],
                "invoice_ids": [Command.set(invoices.ids)],
                "user_id": order.adv_user_id.id,
                "date_received": received,
                "dispute_hold": number % 4 == 1,
                "line_ids": [
                    Command.create(
                        {"product_id": line.product_id.id,
                         "quantity": max(min(line.qty_delivered, 2.0), 1.0),
                         "reason": REASONS[kind]}
                    )
                ],
            }
        )  # fmt: skip
        claim.first_response_date = received + timedelta(hours=2 + rank % 30)
        age = (self.today - received.date()).days
        if age < 75:  # still open: every open stage in turn (about 7 claims)
            young = self.counts.get("open_claims", 0)
            self.counts["open_claims"] = young + 1
            stages = ("new", "qualified", "investigating", "solution", "correcting")
            stage = stages[young % len(stages)]
            if stage != "new":
                claim.write(self._claim_cause(claim, causes[kind], stage))
            return
        if number % 9 == 7:
            rejected = self.ref("adv_claims.adv_claim_stage_rejected")
            cause = self.ref("adv_claims.adv_claim_cause_customer")
            claim.write({"stage_id": rejected.id, "cause_id": cause.id})
        else:
            self._correct(claim, number)
            stage = "closed" if number % 3 == 0 else "resolved"
            claim.write(self._claim_cause(claim, causes[kind], stage))
        protected(claim).date_closed = received + timedelta(days=3 + number % 8)

    def _claim_cause(self, claim, cause, stage):
        return {
            "cause_id": self.ref(f"adv_claims.adv_claim_cause_{cause}").id,
            "root_cause_note": "Cause analysée avec l'équipe ; action corrective en place.",
            "stage_id": self.ref(f"adv_claims.adv_claim_stage_{stage}").id,
        }

    def _correct(self, claim, number):
        """Every correction, in turn: credit note, return, replacement,
        corrected invoice, commercial gesture."""
        kind = number % 5
        day = claim.date_received.date() + timedelta(days=2)
        claim = protected(claim).with_context(adv_correction_date=day)
        if kind == 0:
            claim._action_create_credit_note()
        elif kind == 1:
            claim._action_create_return()
        elif kind == 2:
            claim._action_create_replacement()
        else:
            wizard = (
                protected(self.env["adv.claim.credit.note"])
                .with_context(adv_correction_date=day)
                .create(
                    {
                        "claim_id": claim.id,
                        "mode": "reinvoice" if kind == 3 else "gesture",
                        "invoice_id": claim.invoice_ids[:1].id,
                        "amount": 25.0,
                        "reason": "Geste commercial suite à la réclamation"
                        if kind == 4
                        else "Facture corrigée : prix du tarif en vigueur",
                    }
                )
            )
            wizard.action_confirm()
            if kind == 3:  # the corrected invoice, posted and paid in its turn
                corrected = wizard.move_id
                corrected.write({"invoice_date": day})
                corrected.action_post()
                self._schedule_payment(corrected, number)

    # ------------------------------------------------------------------
    # Customer satisfaction
    # ------------------------------------------------------------------
    def _ratings(self):
        """Half of the customers opted in to the survey after delivery: one
        order in three of theirs was rated, and every resolved claim; most
        are happy, late deliveries and long claims less so. Dated back: asked
        on the delivery (the claim's end), answered one to three days later.
        From now on the company's settings apply (every 5th order)."""
        opted = self.customers[::2]
        opted.write({"adv_rating_opt_in": True})
        orders = self.env["sale.order"].search(
            [("company_id", "=", self.company.id), ("adv_delivered_date", "!=", False),
             ("partner_id", "in", opted.ids)],
            order="adv_delivered_date, id",
        )[::3]  # fmt: skip
        claims = self.env["adv.claim"].search(
            [("company_id", "=", self.company.id), ("date_closed", "!=", False),
             ("stage_id.is_rejected", "=", False)],
            order="date_closed, id",
        )  # fmt: skip
        answered = 0
        for rank, record in enumerate([*orders, *claims]):
            is_order = record._name == "sale.order"
            asked = record.adv_delivered_date if is_order else record.date_closed
            if asked.date() >= self.today - timedelta(days=2):
                continue
            token = record.sudo()._rating_get_access_token()
            protected(record).adv_rating_requested_date = asked
            rating = self.env["rating.rating"].sudo().search([("access_token", "=", token)])
            self._backdate(rating, asked, "create_date")
            if rank % 5 == 4:  # never answered
                continue
            late = not record.adv_on_time if is_order else record.is_resolution_late
            score, feedback = self._answer(rank, late, is_order)
            record.sudo().rating_apply(score, token=token, feedback=feedback)
            when = asked + timedelta(days=1 + rank % 3, hours=2)
            self._backdate(rating, when, "write_date", "adv_answered_date")
            self._backdate(rating.message_id, when, "date", "create_date", "write_date")
            answered += 1
        self.company.write({"adv_claim_rating": True})
        self.counts["ratings"] = answered

    @staticmethod
    def _answer(rank, late, is_order):
        if late and rank % 2:
            return 1, (
                "Livraison en retard, le chantier a attendu."
                if is_order
                else "Beaucoup trop long pour un simple avoir."
            )
        if rank % 11 == 5:
            return 1, (
                "Erreur de référence à la livraison, il a fallu relancer deux fois."
                if is_order
                else "Personne ne nous a rappelés avant la clôture."
            )
        if late or rank % 7 == 3:
            return 3, ("Correct, mais le reliquat a tardé." if rank % 3 else None)
        return 5, ("Parfait, merci à l'équipe ADV !" if rank % 4 == 0 else None)

    def _backdate(self, records, when, *fnames):
        """Server bookkeeping of the demo: ``fnames`` of ``records`` set to
        ``when`` (columns Odoo stamps itself)."""
        if not records:
            return
        records.flush_recordset()
        self.env.cr.execute(
            SQL(
                "UPDATE %s SET %s WHERE id IN %s",
                SQL.identifier(records._table),
                SQL(", ").join(SQL("%s = %s", SQL.identifier(f), when) for f in fnames),
                tuple(records.ids),
            )
        )
        records.invalidate_recordset(list(fnames))

    # ------------------------------------------------------------------
    # Today
    # ------------------------------------------------------------------
    def _promise(self):
        """A customer promised to pay part of its oldest unpaid invoice."""
        invoice = self.env["account.move"].search(
            [("company_id", "=", self.company.id), ("move_type", "=", "out_invoice"),
             ("state", "=", "posted"), ("payment_state", "=", "not_paid"),
             ("adv_hold_reason", "=", False),
             ("invoice_date_due", "<", self.today - timedelta(days=10))],
            order="invoice_date_due desc", limit=1,
        )  # fmt: skip
        if not invoice:
            return
        self.env["adv.dunning.promise"].create(
            {
                "partner_id": invoice.commercial_partner_id.id,
                "company_id": self.company.id,
                "move_ids": [Command.set(invoice.ids)],
                "date": self.today + timedelta(days=12),
                "amount": invoice.currency_id.round(invoice.amount_residual / 2),
                "note": "Règlement de la moitié promis par le comptable au téléphone.",
            }
        )

    def _recent_orders(self):
        """The orders of the last days, received but not all acknowledged:
        the acknowledgement rule decides (blocked without their PO reference,
        waiting to be sent); and a quotation of a customer on credit hold,
        which the hold stops."""
        self.customers.invalidate_recordset(["adv_credit_hold"])
        held = self.customers.filtered("adv_credit_hold")
        free = self.customers - held
        for offset in range(5, 0, -1):
            day = self.today - timedelta(days=offset)
            customer = held[:1] if offset == 1 and held else free[(offset * 5) % len(free)]
            order = self.env["sale.order"].create(
                {
                    "partner_id": customer.id,
                    "company_id": self.company.id,
                    "client_order_ref": False if offset in (2, 4) else f"BC-{1000 + offset}",
                    "adv_user_id": self.handlers[offset % 2].id,
                    "user_id": self.handlers[offset % 2].id,
                    "adv_intake_channel": "email",
                    "adv_received_date": datetime.combine(day, time(9 + offset, 0)),
                    "commitment_date": datetime.combine(day + timedelta(days=7), time(10, 0)),
                    "warehouse_id": self.warehouse.id,
                    "order_line": [Command.create({"product_id": self.products[offset].id,
                                                   "product_uom_qty": 3 + offset})],
                }
            )  # fmt: skip
            if customer not in held:
                order.action_confirm()
                # confirmed within the hour of its reception
                protected(order).adv_confirmed_date = order.adv_received_date + timedelta(
                    minutes=40
                )
