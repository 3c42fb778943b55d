import SchedulingCore

/// The form for a place where courses meet: name, address, one of the city's districts, step-free
/// access, and coordinates, which default to the district's middle when left blank.
struct LocationForm {
    static let names = ["name", "address", "district", "lat", "lon", "stepFree"]

    var fields: FormFields

    static let blank = LocationForm(fields: FormFields(values: [:], ticked: []))

    init(fields: FormFields) {
        self.fields = fields
    }

    init(_ form: FormBody) {
        fields = FormFields(form, names: Self.names, checkboxes: ["stepFree"])
    }

    /// A stored place as it stands, for its edit page.
    init(_ location: Location) {
        fields = FormFields(
            values: [
                "name": location.name, "address": location.address, "district": location.district,
                "lat": String(location.coordinate.latitude), "lon": String(location.coordinate.longitude),
            ],
            ticked: location.stepFree ? ["stepFree"] : [])
    }

    /// The place it describes, checked as `POST /v1/locations` checks one, with a district from
    /// the city's list. Nil when a rule is broken: `fields.errors` names each.
    /// `original` is the place being changed, whose district may stay what it was.
    mutating func validated(id: String, ownerId: String, original: Location? = nil) -> Location? {
        let district = fields.values["district"].flatMap(CityDistrict.named)
        if let name = fields.values["district"], district == nil, name != original?.district {
            fields.errors.append(FieldError(
                field: "district", message: "must be one of the city's districts", rule: "oneOf",
                values: [CityDistrict.duisburg.map(\.name).joined(separator: ", ")]))
        }
        var lat = decimal("lat"), lon = decimal("lon")
        let blankCoordinates = fields.values["lat"] == nil && fields.values["lon"] == nil
        if blankCoordinates, let district {
            (lat, lon) = (district.centre.latitude, district.centre.longitude)
        }
        let input = LocationInput(
            name: fields.values["name"], address: fields.values["address"], district: fields.values["district"], lat: lat, lon: lon,
            stepFree: fields.ticked.contains("stepFree"))
        do {
            let location = try input.validated(id: id, ownerId: ownerId)
            return fields.errors.isEmpty ? location : nil
        } catch {
            fields.add(error)
            // Blank coordinates come from the district; only a missing district is to be said.
            if blankCoordinates { fields.errors.removeAll { ["lat", "lon"].contains($0.field) } }
            return nil
        }
    }

    private mutating func decimal(_ name: String) -> Double? {
        guard let text = fields.values[name] else { return nil }
        // A German keyboard types 51,43.
        guard let number = Double(text.replacingOccurrences(of: ",", with: ".")) else {
            fields.errors.append(FieldError(field: name, message: "must be a decimal number such as 51.43", rule: "decimal"))
            return nil
        }
        return number
    }

    func context(_ strings: UIStrings<PageLanguage>, _ language: PageLanguage) -> [String: Any] {
        var context = fields.context(strings, language, names: Self.names)
        // A place stored through the API or an import may name a district outside the list: it is
        // offered as it is, so that saving the form never changes it unasked.
        var names = CityDistrict.duisburg.map(\.name)
        if let current = fields.values["district"], !names.contains(current) { names.append(current) }
        context["districts"] = [["value": "", "label": strings.text("form.choose", language), "selected": fields.values["district"] == nil]]
            + choices(names.map { ($0, $0) }, selected: fields.values["district"])
        return context
    }
}
